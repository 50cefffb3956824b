using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Hosting.Orchestration;
using Lifecycle.Testing;

namespace Lifecycle.Hosting.Tests;

public sealed class PublishingTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Endpoints_file_and_dashboard_show_every_resource_with_state_urls_and_recent_logs()
    {
        using var state = new TestDirectory("publish");
        var builder = TestService.CreateBuilder(state, dashboard: true);
        var cache = builder.AddRedis("cache");
        builder.AddProject("contacts", TestService.ProjectPath).WithReference(cache);
        await using var app = builder.Build();
        await app.StartAsync();
        await app.WaitForAllHealthyAsync(StartTimeout);
        await app.GetInstance("contacts").WaitForStateAsync(s => s == ResourceState.Healthy, CancellationToken.None);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(app.EndpointsFilePath));
        var contacts = json.RootElement.GetProperty("contacts");
        Assert.Equal("Healthy", contacts.GetProperty("state").GetString());
        Assert.Equal(app.GetInstance("contacts").EndpointUrls["grpc"], contacts.GetProperty("endpoints").GetProperty("grpc").GetString());
        Assert.StartsWith("tcp://127.0.0.1:", json.RootElement.GetProperty("cache").GetProperty("endpoints").GetProperty("tcp").GetString(), StringComparison.Ordinal);
        Assert.Equal(app.DashboardUrl, json.RootElement.GetProperty("dashboard").GetProperty("endpoints").GetProperty("http").GetString());

        using var http = new HttpClient { BaseAddress = new Uri(app.DashboardUrl!) };
        var page = await http.GetStringAsync("/");
        Assert.Contains("/api/resources", page, StringComparison.Ordinal);
        Assert.Contains("setInterval(refresh", page, StringComparison.Ordinal);
        var resources = await http.GetFromJsonAsync<List<ResourceSnapshot>>("/api/resources", JsonSerializerOptions.Web);
        var service = Assert.Single(resources!, r => r.Name == "contacts");
        Assert.Equal(ResourceState.Healthy, service.State);
        Assert.Contains(service.RecentLogs, line => line.Contains("Now listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Console_lines_carry_the_resource_name_as_prefix()
    {
        var console = new StringWriter();
        var sink = new Logging.ConsoleLogSink(console);

        sink.Write("contacts", "started", isError: false);
        sink.Write("messaging", "boom", isError: true);

        var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("contacts    | started", lines[0]);
        Assert.Equal("messaging   ! boom", lines[1]);
    }

    [Fact]
    public void Resource_table_lists_state_and_urls_per_resource()
    {
        var table = ResourceTable.Format(
        [
            new ResourceSnapshot("cache", "Redis", ResourceState.Healthy, null, 1, 0, new Dictionary<string, string> { ["tcp"] = "tcp://127.0.0.1:7379" }, []),
            new ResourceSnapshot("contacts", "Project", ResourceState.Failed, 137, 2, 1, new Dictionary<string, string>(), []),
        ]);

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("RESOURCE", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^cache\s+Healthy\s+tcp=tcp://127\.0\.0\.1:7379$", lines[1]);
        Assert.Matches(@"^contacts\s+Failed \(137\)", lines[2]);
    }
}
