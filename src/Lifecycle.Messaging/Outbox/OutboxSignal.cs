using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Outbox;

/// <summary>Wakes the dispatcher of one DbContext type when a commit carried outbox rows; many notifications coalesce into one.</summary>
public sealed class OutboxSignal<TDbContext>
    where TDbContext : DbContext
{
    private readonly Channel<bool> pending = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => pending.Writer.TryWrite(true);

    /// <summary>Returns when notified or when the timeout passes, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var poll = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, poll.Token);
        try
        {
            await pending.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval elapsed: look anyway.
        }
    }
}
