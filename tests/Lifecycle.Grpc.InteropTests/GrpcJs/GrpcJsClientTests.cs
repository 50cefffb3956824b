using Lifecycle.Grpc.InteropTests.Hosting;
using Lifecycle.Grpc.InteropTests.Node;

namespace Lifecycle.Grpc.InteropTests.GrpcJs;

/// <summary>@grpc/grpc-js, the reference Node implementation, as a client of our server (tests/interop/src/grpcjs-client.mjs).</summary>
public sealed class GrpcJsClientTests(InteropServerFixture fixture) : IClassFixture<InteropServerFixture>
{
    private const string Script = "grpcjs-client.mjs";

    [Fact]
    public Task Grpc_js_completes_unary_server_client_and_bidi_streaming_calls() =>
        ScenarioRunner.RunAsync(Script, fixture.Server.Address, "unary", "server-streaming", "client-streaming", "bidi-streaming");

    [Fact]
    public Task Grpc_js_deadline_ends_the_call_with_deadline_exceeded_and_its_cancel_reaches_the_handler() =>
        ScenarioRunner.RunAsync(Script, fixture.Server.Address, "deadline", "cancellation");

    [Fact]
    public Task Grpc_js_gets_echoed_text_and_binary_metadata_status_codes_and_bad_request_details() =>
        ScenarioRunner.RunAsync(Script, fixture.Server.Address, "metadata", "status-code", "status-details");
}
