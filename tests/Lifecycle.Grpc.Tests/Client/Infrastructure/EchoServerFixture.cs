using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Tests.Client.Infrastructure;

/// <summary>Our gRPC server (echo service plus the test hooks and raw endpoints) shared by a test class.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    private GrpcTestServer? server;

    public GrpcTestServer Server => server ?? throw new InvalidOperationException("The server has not started.");

    public Uri Address => Server.Address;

    public CallProbe Probe => Server.Services.GetRequiredService<CallProbe>();

    public static Task<GrpcTestServer> StartServerAsync(Action<GrpcTestServerOptions>? configure = null) => GrpcTestServer.StartAsync(options =>
    {
        options.ConfigureServices = services => services.AddSingleton<CallProbe>();
        options.ConfigureGrpc = grpc => grpc.Interceptors.Add<TestServerInterceptor>();
        options.ConfigureApp = RawEndpoints.Map;
        configure?.Invoke(options);
    });

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options ?? new GrpcChannelOptions());

    public EchoService.EchoServiceClient CreateClient(GrpcChannelOptions? options = null) => new(CreateChannel(options));

    public async Task InitializeAsync() => server = await StartServerAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
