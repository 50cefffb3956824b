namespace Lifecycle.Orders;

/// <summary>The current UTC time at the precision both databases store (PostgreSQL keeps microseconds).</summary>
public static class Clock
{
    public static DateTime UtcNow(this TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Truncated so a value read back equals the value written, on every provider.
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
