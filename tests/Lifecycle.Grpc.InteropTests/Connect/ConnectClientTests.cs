using Lifecycle.Grpc.InteropTests.Hosting;
using Lifecycle.Grpc.InteropTests.Node;

namespace Lifecycle.Grpc.InteropTests.Connect;

/// <summary>@connectrpc/connect-node with its gRPC transport as a client of our server (tests/interop/src/connect-client.mjs).</summary>
public sealed class ConnectClientTests(InteropServerFixture fixture) : IClassFixture<InteropServerFixture>
{
    [Fact]
    public Task Connect_grpc_transport_completes_all_four_call_kinds_with_deadlines_metadata_and_error_details() =>
        ScenarioRunner.RunAsync(
            "connect-client.mjs",
            fixture.Server.Address,
            "unary", "server-streaming", "client-streaming", "bidi-streaming", "deadline", "metadata", "status-code", "status-details");
}
