using Lifecycle.Grpc.InteropTests.Hosting;
using Lifecycle.Grpc.InteropTests.Node;

namespace Lifecycle.Grpc.InteropTests.Connect;

/// <summary>Connect sending gzip requests to a server that gzips its responses (the response carries grpc-encoding: gzip).</summary>
public sealed class ConnectGzipTests(GzipServerFixture fixture) : IClassFixture<GzipServerFixture>
{
    [Fact]
    public Task Connect_gzip_requests_are_inflated_and_gzip_responses_decode() =>
        ScenarioRunner.RunAsync("connect-client.mjs", fixture.Server.Address, "gzip", "gzip-responses");
}
