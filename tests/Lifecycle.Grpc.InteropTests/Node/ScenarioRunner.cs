namespace Lifecycle.Grpc.InteropTests.Node;

/// <summary>Runs a group of scenarios in one node process and fails with the script's own words when any fails.</summary>
public static class ScenarioRunner
{
    /// <summary>Runs scenarios of a client script against <paramref name="serverAddress"/>.</summary>
    public static Task<ScenarioReport> RunAsync(string script, Uri serverAddress, params string[] scenarios) =>
        RunAsync(script, [serverAddress.GetLeftPart(UriPartial.Authority)], scenarios);

    /// <summary>Runs scenarios of a script that needs no server (the buf lint checks).</summary>
    public static Task<ScenarioReport> RunWithoutServerAsync(string script, params string[] scenarios) =>
        RunAsync(script, [], scenarios);

    private static async Task<ScenarioReport> RunAsync(string script, string[] leadingArguments, string[] scenarios)
    {
        var run = await NodeScript.RunAsync(script, [.. leadingArguments, .. scenarios]);
        var report = ScenarioReport.Find(run.StandardOutput);
        Assert.True(report is not null, $"No JSON report line.\n{run}");
        Assert.True(
            report.Failed.Count == 0,
            $"Failed scenarios:\n{string.Join('\n', report.Failed.Select(f => $"  {f.Scenario}: {f.Error}"))}\n{run}");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(scenarios, report.Passed);
        return report;
    }
}
