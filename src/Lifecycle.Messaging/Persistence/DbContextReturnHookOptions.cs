using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Lifecycle.Messaging.Persistence;

/// <summary>Adds <see cref="DbContextReturnHook"/> to a context's options.</summary>
public static class DbContextReturnHookOptions
{
    /// <summary>
    /// Puts a <see cref="DbContextReturnHook"/> into every context built from these options (once, however often
    /// called). AddMessaging does it for its DbContext, and whoever registers an <see cref="IDbContextStateOwner"/> on a
    /// context's options should add it with the owner. Unpooled, a context can do without it only when every owner keeps
    /// its state keyed by the instance (a <c>ConditionalWeakTable</c> entry goes with the context); a
    /// <see cref="SqliteWriteGate"/> hold does not go with it (the gate's queue is process-wide per database file), so a
    /// context that reaches the gate needs the hook pooled or not: a hold left behind blocks every writer of the database.
    /// </summary>
    public static DbContextOptionsBuilder AddDbContextReturnHook(this DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Options.FindExtension<DbContextReturnHookExtension>() is null)
        {
            ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new DbContextReturnHookExtension());
        }
        return options;
    }
}
