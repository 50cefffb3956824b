using System.Net;
using System.Threading.Channels;

namespace Lifecycle.Grpc.Testing.Wire;

/// <summary>A request body written piece by piece while the response is read (HTTP/2 full duplex).</summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly Channel<byte[]> pieces = Channel.CreateUnbounded<byte[]>();

    public StreamingRequestContent() => Headers.TryAddWithoutValidation("Content-Type", "application/grpc");

    public ValueTask WriteAsync(byte[] bytes) => pieces.Writer.WriteAsync(bytes);

    public void Complete() => pieces.Writer.TryComplete();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await foreach (var piece in pieces.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await stream.WriteAsync(piece, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
