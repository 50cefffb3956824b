using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Lifecycle.Messaging.Persistence;

/// <summary>Adds <see cref="DbContextReturnHook"/> to a context's options.</summary>
public static class DbContextReturnHookOptions
{
    /// <summary>
    /// Puts a <see cref="DbContextReturnHook"/> into every context built from these options (once, however often
    /// called). AddMessaging does it for its DbContext; a context with per-context interceptor state built elsewhere
    /// needs it only when pooled.
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
