namespace Lifecycle.Messaging.Outbox;

/// <summary>Exponential backoff: min, 2·min, 4·min … capped at max.</summary>
internal static class Backoff
{
    public static TimeSpan For(int attempt, TimeSpan min, TimeSpan max)
    {
        // Capping the exponent keeps the multiplication far from overflow; the max cap does the rest.
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = min * factor;
        return delay > max ? max : delay;
    }
}
