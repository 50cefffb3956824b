using Lifecycle.Grpc.InteropTests.Node;

namespace Lifecycle.Grpc.InteropTests.Reverse;

/// <summary>One grpc-js echo server per test class.</summary>
public sealed class NodeEchoServerFixture : IAsyncLifetime
{
    private NodeEchoServer? server;

    public NodeEchoServer Server => server ?? throw new InvalidOperationException("The fixture has not started yet.");

    public async Task InitializeAsync() => server = await NodeEchoServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
