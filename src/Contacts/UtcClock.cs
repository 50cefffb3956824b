namespace Lifecycle.Contacts;

/// <summary>"Now" at the precision every database keeps (PostgreSQL stores microseconds), so a returned value equals a re-read one.</summary>
public static class UtcClock
{
    public static DateTime UtcNowMicroseconds(this TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
