using Lifecycle.Messaging.Outbox;

namespace Lifecycle.Messaging.TestDispatcher;

/// <summary>
/// Simulates a crash window: once a batch is confirmed by the broker, writes a marker file and never lets the
/// dispatcher mark the rows sent. The test then kills the process with SIGKILL.
/// </summary>
internal sealed class HaltAfterPublishObserver(string markerFile) : IOutboxRelayObserver
{
    public async Task BatchPublishedAsync(IReadOnlyList<OutboxMessage> published, CancellationToken cancellationToken)
    {
        if (published.Count == 0)
        {
            return;
        }
        await File.WriteAllTextAsync(markerFile, $"{published.Count}", cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
