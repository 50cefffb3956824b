using System.Collections.Concurrent;

namespace Lifecycle.Messaging.Outbox;

/// <summary>The rows the broker confirmed, in sequence order, and the rows whose publish failed, with why.</summary>
internal sealed record PublishOutcome(List<OutboxMessage> Sent, IReadOnlyCollection<(OutboxMessage Row, Exception Error)> Failed);

/// <summary>
/// Publishes a claimed batch with many broker confirms in flight: every aggregate's chain starts at once, so
/// confirms overlap instead of being awaited one by one. Inside a chain a row waits for the previous row's confirm,
/// because a later event of an aggregate must never overtake an earlier one that fails and is retried.
/// </summary>
internal sealed class OutboxPublishPipeline(OutboxRelay relay, int maxInFlight)
{
    private readonly SemaphoreSlim inFlight = new(maxInFlight, maxInFlight);
    private readonly ConcurrentQueue<(OutboxMessage, Exception)> failed = new();

    public async Task<PublishOutcome> PublishAsync(IEnumerable<IEnumerable<OutboxMessage>> chains, CancellationToken cancellationToken)
    {
        var confirmed = await Task.WhenAll(chains.Select(chain => PublishChainAsync(chain, cancellationToken)));
        // Sequence order, so observers and logs see the batch as it was claimed.
        return new PublishOutcome(confirmed.SelectMany(rows => rows).OrderBy(m => m.Sequence).ToList(), failed.ToArray());
    }

    private async Task<List<OutboxMessage>> PublishChainAsync(IEnumerable<OutboxMessage> chain, CancellationToken cancellationToken)
    {
        var confirmed = new List<OutboxMessage>();
        foreach (var row in chain)
        {
            if (!await TryPublishAsync(row, cancellationToken))
            {
                break; // later rows of this aggregate wait behind the failed one
            }
            confirmed.Add(row);
        }
        return confirmed;
    }

    private async Task<bool> TryPublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        await inFlight.WaitAsync(cancellationToken);
        try
        {
            await relay.PublishAsync(row, cancellationToken);
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failed.Enqueue((row, e));
            return false;
        }
        finally
        {
            inFlight.Release();
        }
    }
}
