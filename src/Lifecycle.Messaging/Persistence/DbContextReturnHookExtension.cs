using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// The options extension that puts a <see cref="DbContextReturnHook"/> into every context built from the options.
/// It has no settings, so every option set carrying it shares one internal service provider (EF builds and caches one
/// per distinct set of extensions).
/// </summary>
public sealed class DbContextReturnHookExtension : IDbContextOptionsExtension
{
    private ExtensionInfo? info;

    public DbContextOptionsExtensionInfo Info => info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        services.TryAddScoped<DbContextReturnHook>();
        // The same instance as the one Watch resolves: EF resets the enumerable of IResettableService on return.
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IResettableService, DbContextReturnHook>(
            provider => provider.GetRequiredService<DbContextReturnHook>()));
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "DbContextReturnHook ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["Lifecycle:DbContextReturnHook"] = "1";
    }
}
