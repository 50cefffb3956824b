using Lifecycle.Grpc.Testing.Server;

namespace Lifecycle.Grpc.InteropTests.Hosting;

/// <summary>One interop server per test class, with the runtime's default options (responses uncompressed).</summary>
public sealed class InteropServerFixture : IAsyncLifetime
{
    private GrpcTestServer? server;

    public GrpcTestServer Server => server ?? throw new InvalidOperationException("The fixture has not started yet.");

    public async Task InitializeAsync() => server = await InteropServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
