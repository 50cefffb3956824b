using Grpc.Core;
using Grpc.Core.Interceptors;
using Polly;

namespace Lifecycle.ServiceDefaults.Clients;

/// <summary>
/// One logical unary call made of one or more attempts. Headers, status and trailers are those of the last attempt,
/// the one whose outcome the caller sees; earlier attempts are disposed as soon as they fail.
/// </summary>
internal sealed class RetriedUnaryCall<TRequest, TResponse>(
    TRequest request, ClientInterceptorContext<TRequest, TResponse> context, Interceptor.AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    : IDisposable
    where TRequest : class
    where TResponse : class
{
    private AsyncUnaryCall<TResponse>? current;

    public static ResilienceContext RentContext(CallOptions options)
    {
        var resilience = ResilienceContextPool.Shared.Get(options.CancellationToken);
        if (options.Deadline is { } deadline)
        {
            resilience.Properties.Set(RetryPipelines.DeadlineKey, deadline);
        }

        return resilience;
    }

    public async Task<TResponse> RunAsync(ResiliencePipeline pipeline, DateTime deadline)
    {
        var resilience = RentContext(context.Options.WithDeadline(deadline));
        try
        {
            return await pipeline.ExecuteAsync(static (_, self) => self.AttemptAsync(), resilience, this);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    public async Task<Metadata> ResponseHeadersAsync(Task<TResponse> response)
    {
        try
        {
            await response;
        }
        catch (RpcException)
        {
            // A failed call still has the headers of its last attempt (often empty); the failure surfaces via ResponseAsync.
        }

        return current is null ? [] : await current.ResponseHeadersAsync;
    }

    public Status GetStatus() => Current.GetStatus();

    public Metadata GetTrailers() => Current.GetTrailers();

    public void Dispose() => current?.Dispose();

    private AsyncUnaryCall<TResponse> Current =>
        current ?? throw new InvalidOperationException("The call has not started yet.");

    private async ValueTask<TResponse> AttemptAsync()
    {
        current?.Dispose();
        current = continuation(request, context);
        return await current.ResponseAsync;
    }
}
