using System.IO.Pipelines;
using System.Net;
using Grpc.Core;
using Grpc.Net.Compression;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Client.Http;

/// <summary>The body of a unary or server-streaming call: exactly one framed message.</summary>
internal sealed class UnaryRequestContent<TRequest>(
    TRequest message,
    Action<TRequest, SerializationContext> serializer,
    int? maxSendSize,
    ICompressionProvider? compressor) : HttpContent
{
    private static readonly StreamPipeWriterOptions WriterOptions = new(leaveOpen: true);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var writer = PipeWriter.Create(stream, WriterOptions);
        MessageFraming.WriteMessage(writer, message, serializer, maxSendSize, compressor);
        await writer.FlushAsync().ConfigureAwait(false);
        await writer.CompleteAsync().ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
