using System.Net;
using Grpc.Core;
using Grpc.Net.Compression;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Client.Http;

/// <summary>
/// The body of a unary or server-streaming call: exactly one framed message, framed into a pooled buffer and written
/// to the request stream in one write (no pipe, no state machine when the write completes at once).
/// </summary>
internal sealed class UnaryRequestContent<TRequest>(
    TRequest message,
    Action<TRequest, SerializationContext> serializer,
    int? maxSendSize,
    ICompressionProvider? compressor) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Framed on each send (HttpClient sends a request again when a connection refused it), and the buffer goes
        // back to the pool only once the write is over: disposing the request mid-write must not free bytes in use.
        var framed = new PooledBufferWriter();
        ValueTask write;
        try
        {
            MessageFraming.WriteMessage(framed, message, serializer, maxSendSize, compressor);
            write = stream.WriteAsync(framed.WrittenMemory, cancellationToken);
        }
        catch (Exception ex)
        {
            framed.Dispose();
            return Task.FromException(ex);
        }

        if (write.IsCompletedSuccessfully)
        {
            framed.Dispose();
            return Task.CompletedTask;
        }

        return CompleteWriteAsync(write, framed);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private static async Task CompleteWriteAsync(ValueTask write, PooledBufferWriter framed)
    {
        using (framed)
        {
            await write.ConfigureAwait(false);
        }
    }
}
