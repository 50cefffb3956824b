using Grpc.Core;

namespace Lifecycle.Grpc.Server;

/// <summary>The response stream of a server-streaming or duplex handler, framing into the response body pipe.</summary>
internal sealed class HttpContextStreamWriter<T>(HttpContextServerCallContext context, Action<T, SerializationContext> serializer)
    : IServerStreamWriter<T>
{
    private bool writing;

    public WriteOptions? WriteOptions
    {
        get => context.WriteOptions;
        set => context.WriteOptions = value;
    }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (context.IsCompleted)
        {
            throw new InvalidOperationException("Can't write the message because the call is complete.");
        }

        if (writing)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }

        writing = true;
        try
        {
            var options = WriteOptions;
            context.WriteMessage(message, serializer, options);
            if (options is null || (options.Flags & WriteFlags.BufferHint) == 0)
            {
                var token = cancellationToken.CanBeCanceled ? cancellationToken : context.CancellationToken;
                await context.HttpContext.Response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
            }
        }
        finally
        {
            writing = false;
        }
    }
}
