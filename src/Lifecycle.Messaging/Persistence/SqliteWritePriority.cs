namespace Lifecycle.Messaging.Persistence;

/// <summary>Who asks for a SQLite database's write turn (<see cref="SqliteWriteGate"/>): it decides who goes first.</summary>
public enum SqliteWritePriority
{
    /// <summary>
    /// The relay marking a batch sent, an inbox batch, pruning: each turn moves many events along, so they go ahead
    /// of queued service writes (within a bound, see <see cref="SqliteWriterQueue.MaxServiceBypasses"/>).
    /// </summary>
    Messaging,

    /// <summary>The service's own write transactions and SaveChanges (<see cref="SqliteWriteGateInterceptor"/>).</summary>
    Service,
}
