namespace Lifecycle.ServiceDefaults.Data;

/// <summary>When a service's SQLite database syncs to disk (SQLite's "synchronous" setting, in WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit is synced (SQLite's default): a power loss loses nothing committed.</summary>
    Full,

    /// <summary>
    /// Commits are not synced, checkpoints are: a committed transaction survives a process crash, a power loss may drop
    /// the last few commits. For write-heavy services whose one-at-a-time transactions would otherwise run at the
    /// disk's fsync rate.
    /// </summary>
    Normal,
}
