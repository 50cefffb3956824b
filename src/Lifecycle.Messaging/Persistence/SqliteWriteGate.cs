using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// Serialises this process's messaging writes (inbox transactions, marking rows sent, pruning) per SQLite database.
/// SQLite has one writer anyway; waiting here is a queue, whereas colliding there makes Microsoft.Data.Sqlite sleep
/// 150 ms per SQLITE_BUSY retry, which is what capped consumers at tens of messages per second. Other providers pass.
/// </summary>
public sealed class SqliteWriteGate
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    public static bool IsSqlite(DbContext db) => db.Database.ProviderName == SqliteProvider;

    public async ValueTask<IDisposable> EnterAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!IsSqlite(db))
        {
            return Passed.Instance;
        }
        var gate = gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class Passed : IDisposable
    {
        public static readonly Passed Instance = new();

        public void Dispose()
        {
        }
    }
}
