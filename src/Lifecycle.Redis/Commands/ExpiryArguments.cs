namespace Lifecycle.Redis.Commands;

/// <summary>Picks seconds (EX/EXPIRE) when the expiry is whole seconds, milliseconds (PX/PEXPIRE) otherwise.</summary>
internal static class ExpiryArguments
{
    public static bool IsWholeSeconds(TimeSpan expiry) => expiry.Ticks % TimeSpan.TicksPerSecond == 0;

    public static long Amount(TimeSpan expiry)
    {
        if (expiry <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(expiry), expiry, "Expiry must be positive.");
        }

        // Sub-millisecond remainders round up so a tiny positive expiry never becomes 0 (which Redis rejects).
        return IsWholeSeconds(expiry) ? (long)expiry.TotalSeconds : (long)Math.Ceiling(expiry.TotalMilliseconds);
    }
}
