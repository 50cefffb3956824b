using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Analytics;

/// <summary>
/// Median time in stage over the stays that ended in a period. SQL medians do not translate on both providers (and
/// SQLite cannot subtract its text timestamps), so the stays stream in as two times each and only their lengths are
/// kept: eight bytes per stay, never a contact or a history row.
/// </summary>
public static class TimeInStage
{
    public static async Task<Dictionary<string, StayLengths>> CollectAsync(IQueryable<CompletedStay> stays, CancellationToken cancellationToken)
    {
        var byStage = new Dictionary<string, StayLengths>(StringComparer.Ordinal);
        await foreach (var stay in stays.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (stay.EnteredAt is not { } entered)
            {
                continue;
            }
            if (!byStage.TryGetValue(stay.Stage, out var lengths))
            {
                byStage[stay.Stage] = lengths = new StayLengths();
            }
            lengths.Add(stay.LeftAt - entered);
        }
        return byStage;
    }
}

/// <summary>The lengths of one stage's completed stays.</summary>
public sealed class StayLengths
{
    private readonly List<long> ticks = [];

    public int Count => ticks.Count;

    public void Add(TimeSpan length) => ticks.Add(length.Ticks);

    /// <summary>The middle length, or the mean of the middle two for an even count; null without stays.</summary>
    public TimeSpan? Median()
    {
        if (ticks.Count == 0)
        {
            return null;
        }
        ticks.Sort();
        var middle = ticks.Count / 2;
        return ticks.Count % 2 == 1
            ? TimeSpan.FromTicks(ticks[middle])
            : TimeSpan.FromTicks(ticks[middle - 1] + (ticks[middle] - ticks[middle - 1]) / 2);
    }
}
