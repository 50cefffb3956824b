using Lifecycle.Grpc.InteropTests.Hosting;
using Lifecycle.Grpc.InteropTests.Node;

namespace Lifecycle.Grpc.InteropTests.BufCurl;

/// <summary>`buf curl`, a Go client that knows no .proto file, driven through our reflection service (tests/interop/src/buf-curl.mjs).</summary>
public sealed class BufCurlTests(InteropServerFixture fixture) : IClassFixture<InteropServerFixture>
{
    [Fact]
    public Task Buf_curl_lists_methods_and_calls_echo_with_json_through_reflection_alone() =>
        ScenarioRunner.RunAsync("buf-curl.mjs", fixture.Server.Address, "list-methods", "unary", "server-streaming", "error-status");
}
