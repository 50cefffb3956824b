using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace Grpc.AspNetCore.Server;

/// <summary>One interceptor type and the constructor arguments used when DI does not provide it.</summary>
public class InterceptorRegistration(Type type, object[] arguments)
{
    private ObjectFactory? factory;

    public Type Type { get; } = type;

    public IReadOnlyList<object> Arguments { get; } = arguments;

    /// <summary>The registered instance if DI has one; otherwise a new one the caller owns (<paramref name="created"/>).</summary>
    internal Interceptor Resolve(IServiceProvider services, out bool created)
    {
        if (services.GetService(Type) is Interceptor registered)
        {
            created = false;
            return registered;
        }

        factory ??= ActivatorUtilities.CreateFactory(Type, Array.ConvertAll(arguments, a => a.GetType()));
        created = true;
        return (Interceptor)factory(services, arguments);
    }
}
