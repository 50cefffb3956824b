using System.Text.Json;

namespace Lifecycle.Grpc.InteropTests.Node;

/// <summary>The JSON line a scenario script prints last: {"client":..., "passed":[...], "failed":[{scenario, error}]}.</summary>
public sealed record ScenarioReport(string Client, IReadOnlyList<string> Passed, IReadOnlyList<ScenarioFailure> Failed)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The last line of stdout that parses as a report, or null when the script died before printing one.</summary>
    public static ScenarioReport? Find(string standardOutput)
    {
        var lines = standardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines.Reverse())
        {
            if (line.StartsWith('{'))
            {
                try
                {
                    return JsonSerializer.Deserialize<ScenarioReport>(line, JsonOptions);
                }
                catch (JsonException)
                {
                    // Not the report line; keep looking further up.
                }
            }
        }

        return null;
    }
}

/// <summary>One failed scenario and the assertion that failed, as the script worded it.</summary>
public sealed record ScenarioFailure(string Scenario, string Error);
