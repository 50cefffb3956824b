using Grpc.Core;

namespace Lifecycle.Grpc.Server;

/// <summary>The request stream of a client-streaming or duplex handler, read straight from the request body pipe.</summary>
internal sealed class HttpContextStreamReader<T>(HttpContextServerCallContext context, Func<DeserializationContext, T> deserializer)
    : IAsyncStreamReader<T>
{
    private bool ended;
    private bool reading;

    public T Current { get; private set; } = default!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (ended)
        {
            return false;
        }

        if (reading)
        {
            throw new InvalidOperationException("Can't read the next message because the previous read is still in progress.");
        }

        var callToken = context.CancellationToken;
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != callToken
            ? CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken)
            : null;
        reading = true;
        try
        {
            var result = await context.ReadMessageAsync(deserializer, linked?.Token ?? callToken).ConfigureAwait(false);
            if (!result.HasMessage)
            {
                ended = true;
                return false;
            }

            Current = result.Message;
            return true;
        }
        catch (Exception exception) when (ClientDisconnect.Caused(exception))
        {
            throw ClientDisconnect.ToCancelled(exception);
        }
        finally
        {
            reading = false;
        }
    }
}
