using Grpc.Core;
using Polly;
using Polly.Retry;

namespace Lifecycle.ServiceDefaults.Clients;

/// <summary>The Polly pipeline that resends an idempotent call: UNAVAILABLE only, exponential backoff with jitter.</summary>
internal static class RetryPipelines
{
    /// <summary>Key under which each execution carries its call's deadline, so no retry starts after it has passed.</summary>
    public static readonly ResiliencePropertyKey<DateTime> DeadlineKey = new("lifecycle.grpc.deadline");

    public static ResiliencePipeline Create(ServiceClientOptions options, TimeProvider time)
    {
        if (options.MaxRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // UNAVAILABLE means the request did not reach a handler or the server shed it: sending it again is the
                // remedy gRPC itself recommends. DEADLINE_EXCEEDED is not retried: the caller's time budget is spent.
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Exception is RpcException { StatusCode: StatusCode.Unavailable }
                    && HasTimeLeft(arguments.Context, time)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    private static bool HasTimeLeft(ResilienceContext context, TimeProvider time) =>
        !context.Properties.TryGetValue(DeadlineKey, out var deadline) || time.GetUtcNow().UtcDateTime < deadline;
}
