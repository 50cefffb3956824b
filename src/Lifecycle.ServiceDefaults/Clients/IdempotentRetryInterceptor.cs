using Grpc.Core;
using Grpc.Core.Interceptors;
using Polly;

namespace Lifecycle.ServiceDefaults.Clients;

/// <summary>
/// Gives each call the default deadline when its caller set none (one budget for all attempts) and resends
/// idempotent unary calls that failed with UNAVAILABLE (<see cref="IdempotentCalls"/>); everything else passes through.
/// </summary>
public sealed class IdempotentRetryInterceptor(ServiceClientOptions options, TimeProvider time) : Interceptor
{
    private readonly ResiliencePipeline pipeline = RetryPipelines.Create(options, time);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        context = WithDeadline(context);
        if (!IdempotentCalls.IsRetryable(context.Method, request))
        {
            return continuation(request, context);
        }

        var attempts = new RetriedUnaryCall<TRequest, TResponse>(request, context, continuation);
        var response = attempts.RunAsync(pipeline, context.Options.Deadline!.Value);
        return new AsyncUnaryCall<TResponse>(
            response, attempts.ResponseHeadersAsync(response), attempts.GetStatus, attempts.GetTrailers, attempts.Dispose);
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        context = WithDeadline(context);
        if (!IdempotentCalls.IsRetryable(context.Method, request))
        {
            return continuation(request, context);
        }

        var resilience = RetriedUnaryCall<TRequest, TResponse>.RentContext(context.Options);
        try
        {
            var outerContext = context;
            return pipeline.Execute(_ => continuation(request, outerContext), resilience);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
        => continuation(request, WithDeadline(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation)
        => continuation(WithDeadline(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation)
        => continuation(WithDeadline(context));

    private ClientInterceptorContext<TRequest, TResponse> WithDeadline<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
        => context.Options.Deadline is not null
            ? context
            : new(context.Method, context.Host, context.Options.WithDeadline(time.GetUtcNow().UtcDateTime + options.DefaultDeadline));
}
