namespace Lifecycle.Orders.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, so time windows are tested without waiting.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (this)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (this)
        {
            now += by;
        }
    }
}
