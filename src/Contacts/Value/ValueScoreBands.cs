namespace Lifecycle.Contacts.Value;

/// <summary>
/// The fixed RFM bands, shared by the calculator and by segment rules (which turn "recency score at least 4" into
/// "bought within 90 days" in SQL), so a segment selects exactly the contacts whose scores the API reports.
/// </summary>
public static class ValueScoreBands
{
    /// <summary>Score 5-index: the most days since the last purchase that still earn it (5: 30, 4: 90, 3: 180, 2: 365).</summary>
    public static readonly IReadOnlyList<int> RecencyMaxDays = [0, 0, 365, 180, 90, 30];

    /// <summary>Score-index: the fewest paid orders that earn it (2: 2, 3: 3, 4: 5, 5: 10).</summary>
    public static readonly IReadOnlyList<int> FrequencyMinOrders = [0, 0, 2, 3, 5, 10];

    /// <summary>Score-index: the least net revenue in minor units that earns it (2: 5000 ... 5: 100000).</summary>
    public static readonly IReadOnlyList<long> MonetaryMinRevenue = [0, 0, 5_000, 20_000, 50_000, 100_000];

    public static int Recency(double? daysSincePurchase)
    {
        for (var score = 5; score >= 2; score--)
        {
            if (daysSincePurchase <= RecencyMaxDays[score])
            {
                return score;
            }
        }
        return 1;
    }

    public static int Frequency(int paidOrders) => Highest(score => paidOrders >= FrequencyMinOrders[score]);

    public static int Monetary(long revenueMinor) => Highest(score => revenueMinor >= MonetaryMinRevenue[score]);

    private static int Highest(Func<int, bool> earns)
    {
        for (var score = 5; score >= 2; score--)
        {
            if (earns(score))
            {
                return score;
            }
        }
        return 1;
    }
}
