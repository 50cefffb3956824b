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

    public Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        try
        {
            return Write(message, cancellationToken);
        }
        catch (Exception exception)
        {
            // Reported through the task, as an async WriteAsync would.
            return Task.FromException(exception);
        }
    }

    private Task Write(T message, CancellationToken cancellationToken)
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

        var options = WriteOptions;
        context.WriteMessage(message, serializer, options);
        if (options is not null && (options.Flags & WriteFlags.BufferHint) != 0)
        {
            return Task.CompletedTask;
        }

        // Usually the flush completes at once (the client keeps reading): then no state machine is needed.
        var flush = context.HttpContext.Response.BodyWriter.FlushAsync(cancellationToken.CanBeCanceled ? cancellationToken : context.TransportToken);
        if (flush.IsCompletedSuccessfully)
        {
            return Task.CompletedTask;
        }

        writing = true;
        return AwaitFlushAsync(flush);
    }

    private async Task AwaitFlushAsync(ValueTask<System.IO.Pipelines.FlushResult> flush)
    {
        try
        {
            await flush.ConfigureAwait(false);
        }
        finally
        {
            writing = false;
        }
    }
}
