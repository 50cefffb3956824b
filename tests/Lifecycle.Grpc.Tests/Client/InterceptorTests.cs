using Grpc.Core;
using Grpc.Core.Interceptors;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class InterceptorTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Interceptors_run_in_the_order_given_and_their_headers_reach_the_server()
    {
        var order = new List<string>();
        var invoker = server.CreateChannel().Intercept(new HeaderInterceptor("first", order), new HeaderInterceptor("second", order));
        var client = new EchoService.EchoServiceClient(invoker);

        using var call = client.EchoAsync(new EchoRequest { Text = "i" });
        var echoedHeaders = await call.ResponseHeadersAsync;
        await call;

        Assert.Equal(["first", "second"], order);
        // HttpClient joins repeated header values with commas, which the gRPC spec treats as the same metadata.
        var sent = echoedHeaders.GetAll("x-echo-interceptor").SelectMany(e => e.Value.Split(',', StringSplitOptions.TrimEntries));
        Assert.Equal(["first", "second"], sent);
    }

    [Fact]
    public async Task Interceptors_apply_to_streaming_calls()
    {
        var order = new List<string>();
        var client = new EchoService.EchoServiceClient(server.CreateChannel().Intercept(new HeaderInterceptor("only", order)));
        using var call = client.Chat();

        await call.RequestStream.WriteAsync(new EchoRequest { Text = "d" });
        await call.RequestStream.CompleteAsync();
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal("only", headers.GetValue("x-echo-interceptor"));
        Assert.Equal(["only"], order);
    }

    [Fact]
    public async Task Call_credentials_are_sent_over_plaintext_only_when_explicitly_allowed()
    {
        var credentials = CallCredentials.FromInterceptor((context, metadata) =>
        {
            metadata.Add("x-echo-token", $"token-for-{context.MethodName}");
            return Task.CompletedTask;
        });
        var allowed = server.CreateClient(new() { UnsafeUseInsecureChannelCallCredentials = true });
        var refused = server.CreateClient();

        using var allowedCall = allowed.EchoAsync(new EchoRequest(), new CallOptions(credentials: credentials));
        using var refusedCall = refused.EchoAsync(new EchoRequest(), new CallOptions(credentials: credentials));
        await Task.WhenAll(allowedCall.ResponseAsync, refusedCall.ResponseAsync);

        Assert.Equal("token-for-Echo", (await allowedCall.ResponseHeadersAsync).GetValue("x-echo-token"));
        Assert.Null((await refusedCall.ResponseHeadersAsync).GetValue("x-echo-token"));
    }

    /// <summary>Adds its name as a request header and records when it ran.</summary>
    private sealed class HeaderInterceptor(string name, List<string> order) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
            => continuation(request, AddHeader(context));

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation)
            => continuation(AddHeader(context));

        private ClientInterceptorContext<TRequest, TResponse> AddHeader<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
            where TRequest : class
            where TResponse : class
        {
            order.Add(name);
            var headers = new Metadata();
            foreach (var entry in context.Options.Headers ?? [])
            {
                headers.Add(entry);
            }

            headers.Add("x-echo-interceptor", name);
            return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
        }
    }
}
