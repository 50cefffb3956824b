using System.Collections.ObjectModel;
using Grpc.Core.Interceptors;

namespace Grpc.AspNetCore.Server;

/// <summary>The server interceptors of <see cref="GrpcServiceOptions"/>, in the order they run.</summary>
public class InterceptorCollection : Collection<InterceptorRegistration>
{
    /// <summary>Adds <typeparamref name="TInterceptor"/>, resolved from DI per call or activated with <paramref name="args"/>.</summary>
    public void Add<TInterceptor>(params object[] args)
        where TInterceptor : Interceptor => Add(typeof(TInterceptor), args);

    public void Add(Type interceptorType, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(interceptorType);
        if (!typeof(Interceptor).IsAssignableFrom(interceptorType))
        {
            throw new ArgumentException($"{interceptorType} is not a {nameof(Interceptor)}.", nameof(interceptorType));
        }

        Add(new InterceptorRegistration(interceptorType, args));
    }
}
