using Microsoft.Extensions.Caching.Distributed;

namespace Lifecycle.Redis.Caching;

/// <summary>The expiration arithmetic of Microsoft's Redis cache: absolute and sliding combine to the nearer deadline.</summary>
internal static class CacheExpiration
{
    public const long NotSet = -1;

    /// <summary>The absolute deadline in UTC ticks, or <see cref="NotSet"/>.</summary>
    public static long AbsoluteTicks(DistributedCacheEntryOptions options, DateTimeOffset now)
    {
        if (options.AbsoluteExpirationRelativeToNow is { } relative)
        {
            return (now + relative).UtcTicks;
        }

        if (options.AbsoluteExpiration is { } absolute)
        {
            return absolute <= now
                ? throw new ArgumentOutOfRangeException(nameof(options), absolute, "The absolute expiration value must be in the future.")
                : absolute.UtcTicks;
        }

        return NotSet;
    }

    /// <summary>How long Redis should keep the entry from <paramref name="now"/>, or null for no expiry.</summary>
    public static TimeSpan? TimeToLive(long absoluteTicks, long slidingTicks, DateTimeOffset now)
    {
        TimeSpan? untilAbsolute = absoluteTicks == NotSet ? null : TimeSpan.FromTicks(absoluteTicks - now.UtcTicks);
        TimeSpan? sliding = slidingTicks == NotSet ? null : TimeSpan.FromTicks(slidingTicks);
        var ttl = (untilAbsolute, sliding) switch
        {
            ({ } a, { } s) => a < s ? a : s,
            ({ } a, null) => a,
            (null, { } s) => s,
            _ => (TimeSpan?)null,
        };

        // An entry whose absolute deadline has just passed still needs a positive TTL; 1 ms lets Redis expire it at once.
        return ttl is { } value && value <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : ttl;
    }
}
