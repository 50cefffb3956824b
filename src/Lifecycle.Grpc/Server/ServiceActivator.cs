using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Server;

/// <summary>Gets the service instance for one call: from the call's DI scope if registered, else activated (and later disposed) by us.</summary>
internal sealed class ServiceActivator<TService>
    where TService : class
{
    private readonly ObjectFactory factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);

    public TService Create(IServiceProvider services, out bool created)
    {
        if (services.GetService(typeof(TService)) is TService registered)
        {
            created = false;
            return registered;
        }

        created = true;
        return (TService)factory(services, null);
    }

    /// <summary>Disposes an instance we activated; DI owns the registered ones.</summary>
    public static ValueTask ReleaseAsync(TService service, bool created)
    {
        if (!created)
        {
            return default;
        }

        if (service is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }

        (service as IDisposable)?.Dispose();
        return default;
    }
}
