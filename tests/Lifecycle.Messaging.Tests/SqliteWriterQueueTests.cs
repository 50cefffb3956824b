using Lifecycle.Messaging.Persistence;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// The write turn is handed to the next waiter on this thread, at once: a writer that finishes synchronously hands it on
/// from inside the previous release, so a long queue nests releases — it must neither overflow the stack nor lose or
/// reorder a turn.
/// </summary>
public sealed class SqliteWriterQueueTests
{
    private const int Writers = 20_000;

    [Fact]
    public async Task A_long_queue_of_writers_that_release_at_once_all_get_their_turn_in_order()
    {
        var queue = new SqliteWriterQueue();
        Assert.True(await queue.EnterAsync(SqliteWritePriority.Service, Timeout.InfiniteTimeSpan, CancellationToken.None));
        var order = new List<int>();
        var writers = Enumerable.Range(0, Writers).Select(i => WriteAsync(queue, i, order)).ToList();

        queue.Release();

        await Task.WhenAll(writers);
        Assert.Equal(Enumerable.Range(0, Writers), order);
        // Free again: the last writer's release emptied the queue.
        Assert.True(await queue.EnterAsync(SqliteWritePriority.Service, TimeSpan.Zero, CancellationToken.None));
    }

    private static async Task WriteAsync(SqliteWriterQueue queue, int index, List<int> order)
    {
        Assert.True(await queue.EnterAsync(SqliteWritePriority.Service, Timeout.InfiniteTimeSpan, CancellationToken.None));
        order.Add(index); // only the turn's holder writes here
        queue.Release();
    }
}
