using Lifecycle.Grpc.InteropTests.Hosting;
using Lifecycle.Grpc.InteropTests.Node;

namespace Lifecycle.Grpc.InteropTests.GrpcJs;

/// <summary>grpc-js sending gzip requests to a server that also gzips its responses.</summary>
public sealed class GrpcJsGzipTests(GzipServerFixture fixture) : IClassFixture<GzipServerFixture>
{
    [Fact]
    public Task Grpc_js_gzip_requests_are_inflated_and_gzip_responses_decode() =>
        ScenarioRunner.RunAsync("grpcjs-client.mjs", fixture.Server.Address, "gzip", "unary", "bidi-streaming");
}
