namespace Grpc.Core;

/// <summary>The base of generated clients: holds the call invoker every method uses.</summary>
public abstract class ClientBase
{
    protected ClientBase()
        : this(new UnimplementedCallInvoker())
    {
    }

    protected ClientBase(ChannelBase channel)
        : this(channel.CreateCallInvoker())
    {
    }

    protected ClientBase(CallInvoker callInvoker)
        : this(new ClientBaseConfiguration(callInvoker, null))
    {
    }

    protected ClientBase(ClientBaseConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        CallInvoker = configuration.CreateDecoratedCallInvoker();
    }

    protected CallInvoker CallInvoker { get; }

    internal ClientBaseConfiguration Configuration { get; }

    /// <summary>The invoker and host override a client was created with.</summary>
    protected internal class ClientBaseConfiguration(CallInvoker undecoratedCallInvoker, string? host)
    {
        internal CallInvoker UndecoratedCallInvoker { get; } = undecoratedCallInvoker;

        internal string? Host { get; } = host;

        internal CallInvoker CreateDecoratedCallInvoker() => Host is null ? UndecoratedCallInvoker : new HostOverridingCallInvoker(UndecoratedCallInvoker, Host);

        internal ClientBaseConfiguration WithHost(string host) => new(UndecoratedCallInvoker, host);
    }
}

/// <summary>The typed base of generated clients.</summary>
public abstract class ClientBase<T> : ClientBase
    where T : ClientBase<T>
{
    protected ClientBase()
    {
    }

    protected ClientBase(ChannelBase channel)
        : base(channel)
    {
    }

    protected ClientBase(CallInvoker callInvoker)
        : base(callInvoker)
    {
    }

    protected ClientBase(ClientBaseConfiguration configuration)
        : base(configuration)
    {
    }

    /// <summary>A copy of this client whose calls carry another :authority.</summary>
    public T WithHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return NewInstance(Configuration.WithHost(host));
    }

    protected abstract T NewInstance(ClientBaseConfiguration configuration);
}
