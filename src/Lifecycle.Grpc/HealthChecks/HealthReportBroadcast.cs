using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lifecycle.Grpc.HealthChecks;

/// <summary>Hands each health report the publisher produces to every Watch call waiting for the next one.</summary>
internal sealed class HealthReportBroadcast : IHealthCheckPublisher
{
    private TaskCompletionSource<HealthReport> next = NewSource();

    /// <summary>Completes with the next published report; take it before evaluating so no report slips in between.</summary>
    public Task<HealthReport> NextReport => Volatile.Read(ref next).Task;

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref next, NewSource()).TrySetResult(report);
        return Task.CompletedTask;
    }

    private static TaskCompletionSource<HealthReport> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
