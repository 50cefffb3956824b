using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Server;

/// <summary>Gets the service instance for one call: from the call's DI scope if registered, else activated (and later disposed) by us.</summary>
internal sealed class ServiceActivator<TService>(IServiceProvider applicationServices)
    where TService : class
{
    private readonly ObjectFactory factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);

    // A service that is not registered and whose constructor takes nothing needs nothing from the call's DI scope, so
    // activating it must not create one (creating and disposing a scope is a measurable share of a small call). The
    // scope still comes into being, one per call, as soon as the handler or an interceptor asks for RequestServices.
    private readonly bool needsCallScope =
        applicationServices.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) != false
        || typeof(TService).GetConstructors(BindingFlags.Public | BindingFlags.Instance).Any(ctor => ctor.GetParameters().Length > 0);

    public TService Create(HttpContext httpContext, out bool created)
    {
        if (!needsCallScope)
        {
            created = true;
            return (TService)factory(applicationServices, null);
        }

        var services = httpContext.RequestServices;
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
