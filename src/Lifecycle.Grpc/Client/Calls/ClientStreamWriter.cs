using Grpc.Core;

namespace Lifecycle.Grpc.Client.Calls;

/// <summary>The RequestStream of a client- or duplex-streaming call.</summary>
internal sealed class ClientStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, WriteOptions? callWriteOptions) : IClientStreamWriter<TRequest>
    where TRequest : class
    where TResponse : class
{
    public WriteOptions? WriteOptions { get; set; } = callWriteOptions;

    public Task WriteAsync(TRequest message) => call.WriteAsync(message, WriteOptions);

    public Task CompleteAsync() => call.CompleteRequestAsync();
}
