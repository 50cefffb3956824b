using Lifecycle.Grpc.Testing.Server;

namespace Lifecycle.Grpc.InteropTests.Hosting;

/// <summary>An interop server that gzips its responses whenever the client accepts gzip.</summary>
public sealed class GzipServerFixture : IAsyncLifetime
{
    private GrpcTestServer? server;

    public GrpcTestServer Server => server ?? throw new InvalidOperationException("The fixture has not started yet.");

    public async Task InitializeAsync() =>
        server = await InteropServer.StartAsync(options => options.ConfigureGrpc = grpc => grpc.ResponseCompressionAlgorithm = "gzip");

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
