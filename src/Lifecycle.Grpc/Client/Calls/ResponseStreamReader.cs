using Grpc.Core;

namespace Lifecycle.Grpc.Client.Calls;

/// <summary>The ResponseStream of a server- or duplex-streaming call.</summary>
internal sealed class ResponseStreamReader<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class
    where TResponse : class
{
    public TResponse Current { get; private set; } = default!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var result = await call.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        if (!result.HasMessage)
        {
            return false;
        }

        Current = result.Message;
        return true;
    }
}
