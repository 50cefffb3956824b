using System.Net;
using Lifecycle.Testing;

namespace Lifecycle.Hosting.Tests;

/// <summary>The test-only ASP.NET service (tests/Lifecycle.Hosting.TestService) and how to talk to it.</summary>
internal static class TestService
{
    public const string ProjectPath = "tests/Lifecycle.Hosting.TestService/Lifecycle.Hosting.TestService.csproj";

    public static DistributedApplicationBuilder CreateBuilder(TestDirectory state, bool dashboard = false) =>
        TestHosting.CreateBuilder(state, typeof(TestService).Assembly, dashboard);

    public static DistributedApplicationBuilder CreateBuilder(string statePath) =>
        TestHosting.CreateBuilder(statePath, typeof(TestService).Assembly);

    /// <summary>Reads one configuration value the service received (over h2c, as a gRPC client would connect).</summary>
    public static async Task<string?> ReadConfigurationAsync(ResourceInstance instance, string key)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{instance.EndpointUrls["grpc"]}/config/{Uri.EscapeDataString(key)}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadAsStringAsync();
    }
}
