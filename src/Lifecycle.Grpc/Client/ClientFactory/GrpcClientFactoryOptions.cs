using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Grpc.Net.ClientFactory;

/// <summary>How the client factory builds one named gRPC client: address, channel settings, interceptors, deadline.</summary>
public sealed class GrpcClientFactoryOptions
{
    /// <summary>The server address; when null, read from configuration "services:{name}:grpc:0" (then http, https).</summary>
    public Uri? Address { get; set; }

    /// <summary>Run in order on the channel options of every client created.</summary>
    public IList<Action<GrpcChannelOptions>> ChannelOptionsActions { get; } = [];

    /// <summary>
    /// Deadline given to every call that does not set its own (DESIGN.md: every outgoing call has a deadline).
    /// Null turns it off; a call opts out with an explicit <see cref="DateTime.MaxValue"/> deadline.
    /// </summary>
    public TimeSpan? DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Creates the client from its call invoker; by default its (CallInvoker) constructor, with DI for other parameters.</summary>
    public Func<CallInvoker, object>? Creator { get; set; }

    internal List<Action<IServiceProvider, GrpcChannelOptions>> ServiceChannelOptionsActions { get; } = [];

    /// <summary>Interceptors in the order they run: the first registered sees the call first.</summary>
    internal List<Func<IServiceProvider, Interceptor>> InterceptorFactories { get; } = [];
}
