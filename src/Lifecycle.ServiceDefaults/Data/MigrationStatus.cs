using Microsoft.EntityFrameworkCore;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>Whether <typeparamref name="TContext"/>'s migrations have been applied in this process, and the last failure if not.</summary>
public sealed class MigrationStatus<TContext>
    where TContext : DbContext
{
    private readonly TaskCompletionSource migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsMigrated => migrated.Task.IsCompleted;

    public string? LastError { get; private set; }

    /// <summary>Completes once the schema is current; lets tests and start-up code await readiness instead of polling.</summary>
    public Task Migrated => migrated.Task;

    internal void MarkMigrated()
    {
        LastError = null;
        migrated.TrySetResult();
    }

    internal void MarkFailed(string error) => LastError = error;
}
