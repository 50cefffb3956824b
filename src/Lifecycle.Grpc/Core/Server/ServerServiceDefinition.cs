namespace Grpc.Core;

/// <summary>A service's methods with bound handlers, replayable into any <see cref="ServiceBinderBase"/>.</summary>
public class ServerServiceDefinition
{
    private readonly IReadOnlyList<Action<ServiceBinderBase>> bindings;

    private ServerServiceDefinition(IReadOnlyList<Action<ServiceBinderBase>> bindings) => this.bindings = bindings;

    public static Builder CreateBuilder() => new();

    /// <summary>Adds every method of this definition to <paramref name="binder"/>.</summary>
    public void BindService(ServiceBinderBase binder)
    {
        foreach (var bind in bindings)
        {
            bind(binder);
        }
    }

    /// <summary>Collects methods and their handlers.</summary>
    public class Builder
    {
        private readonly List<Action<ServiceBinderBase>> bindings = [];
        private readonly HashSet<string> names = [];

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        public ServerServiceDefinition Build() => new(bindings.ToArray());

        private Builder Add(IMethod method, Action<ServiceBinderBase> bind)
        {
            if (!names.Add(method.FullName))
            {
                throw new ArgumentException($"Method {method.FullName} is already added.", nameof(method));
            }

            bindings.Add(bind);
            return this;
        }
    }
}
