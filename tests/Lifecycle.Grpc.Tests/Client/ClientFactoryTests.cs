using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.ClientFactory;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class ClientFactoryTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [Theory]
    [InlineData("grpc")]
    [InlineData("http")]
    public async Task Named_client_takes_its_address_from_service_configuration(string endpoint)
    {
        using var provider = BuildProvider(services => services.AddGrpcClient<EchoService.EchoServiceClient>("echo"), ($"services:echo:{endpoint}:0", server.Address.ToString()));

        var response = await provider.GetRequiredService<EchoService.EchoServiceClient>().EchoAsync(new EchoRequest { Text = "from DI" });

        Assert.Equal("from DI", response.Text);
    }

    [Fact]
    public void Grpc_endpoint_is_preferred_over_http_endpoint()
    {
        // The http endpoint points nowhere: the call only succeeds through the grpc endpoint.
        using var provider = BuildProvider(
            services => services.AddGrpcClient<EchoService.EchoServiceClient>("echo"),
            ("services:echo:http:0", "http://127.0.0.1:1"),
            ("services:echo:grpc:0", server.Address.ToString()));

        var response = provider.GetRequiredService<EchoService.EchoServiceClient>().Echo(new EchoRequest { Text = "grpc wins" });

        Assert.Equal("grpc wins", response.Text);
    }

    [Fact]
    public void Client_without_any_address_fails_naming_the_configuration_key()
    {
        using var provider = BuildProvider(services => services.AddGrpcClient<EchoService.EchoServiceClient>("echo"));

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<EchoService.EchoServiceClient>());

        Assert.Contains("services:echo:grpc:0", error.Message);
    }

    [Fact]
    public async Task Calls_without_a_deadline_get_the_default_deadline()
    {
        using var provider = BuildProvider(services => services.AddGrpcClient<EchoService.EchoServiceClient>(options =>
        {
            options.Address = server.Address;
            options.DefaultDeadline = TimeSpan.FromMilliseconds(300);
        }));
        var client = provider.GetRequiredService<EchoService.EchoServiceClient>();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest { DelayMs = 60_000 }).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Default_deadline_is_sent_unless_the_caller_sets_one()
    {
        var recorder = new RecordingHandler();
        using var provider = BuildProvider(services => services
            .AddGrpcClient<EchoService.EchoServiceClient>(options => options.Address = server.Address)
            .ConfigurePrimaryHttpMessageHandler(() => recorder));
        var client = provider.GetRequiredService<EchoService.EchoServiceClient>();

        await client.EchoAsync(new EchoRequest());
        await client.EchoAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddHours(1));
        await client.EchoAsync(new EchoRequest(), deadline: DateTime.MaxValue);

        var timeouts = recorder.Requests.Select(headers => RecordingHandler.Value(headers, "grpc-timeout")).ToArray();
        Assert.InRange(Parse(timeouts[0]), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.InRange(Parse(timeouts[1]), TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Null(timeouts[2]);
    }

    [Fact]
    public async Task Interceptors_from_DI_run_in_registration_order()
    {
        var order = new List<string>();
        using var provider = BuildProvider(services =>
        {
            services.AddSingleton(order);
            services.AddSingleton<FirstInterceptor>();
            services.AddGrpcClient<EchoService.EchoServiceClient>(options => options.Address = server.Address)
                .AddInterceptor<FirstInterceptor>()
                .AddInterceptor(() => new NamedInterceptor("second", order));
        });

        await provider.GetRequiredService<EchoService.EchoServiceClient>().EchoAsync(new EchoRequest());

        Assert.Equal(["first", "second"], order);
    }

    [Fact]
    public async Task ConfigureChannel_applies_channel_options()
    {
        using var provider = BuildProvider(services => services
            .AddGrpcClient<EchoService.EchoServiceClient>(options => options.Address = server.Address)
            .ConfigureChannel(channel => channel.MaxReceiveMessageSize = 10));
        var client = provider.GetRequiredService<EchoService.EchoServiceClient>();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest { Text = "longer than ten bytes" }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Address_set_in_code_wins_over_configuration()
    {
        using var provider = BuildProvider(
            services => services.AddGrpcClient<EchoService.EchoServiceClient>("echo", options => options.Address = server.Address),
            ("services:echo:grpc:0", "http://127.0.0.1:1"));

        var response = await provider.GetRequiredService<EchoService.EchoServiceClient>().EchoAsync(new EchoRequest { Text = "code wins" });

        Assert.Equal("code wins", response.Text);
    }

    [Fact]
    public async Task Factory_creates_clients_by_name()
    {
        using var provider = BuildProvider(
            services => services.AddGrpcClient<EchoService.EchoServiceClient>("echo"),
            ("services:echo:grpc:0", server.Address.ToString()));

        var client = provider.GetRequiredService<GrpcClientFactory>().CreateClient<EchoService.EchoServiceClient>("echo");

        Assert.Equal("named", (await client.EchoAsync(new EchoRequest { Text = "named" })).Text);
    }

    private static ServiceProvider BuildProvider(Action<IServiceCollection> configure, params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
        configure(services);
        return services.BuildServiceProvider();
    }

    private static TimeSpan Parse(string? grpcTimeout)
    {
        Assert.True(Lifecycle.Grpc.Protocol.GrpcTimeout.TryParse(grpcTimeout, out var timeout), $"grpc-timeout \"{grpcTimeout}\"");
        return timeout;
    }

    /// <summary>Records its name when a unary call passes through.</summary>
    private class NamedInterceptor(string name, List<string> order) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            order.Add(name);
            return continuation(request, context);
        }
    }

    private sealed class FirstInterceptor(List<string> order) : NamedInterceptor("first", order);
}
