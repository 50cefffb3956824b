namespace Grpc.Core;

/// <summary>A connection to a gRPC server that creates call invokers.</summary>
public abstract class ChannelBase(string target)
{
    /// <summary>The address this channel calls.</summary>
    public string Target { get; } = target;

    public abstract CallInvoker CreateCallInvoker();

    public Task ShutdownAsync() => ShutdownAsyncCore();

    protected virtual Task ShutdownAsyncCore() => Task.CompletedTask;
}
