using Grpc.Core;
using Grpc.Net.Compression;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Server;

internal sealed partial class HttpContextServerCallContext
{
    private ICompressionProvider? requestDecompressor;
    private ICompressionProvider? responseCompressor;
    private bool messageWritten;

    /// <summary>Prepares the response (content-type, encodings) and starts the deadline; throws RpcException for bad requests.</summary>
    public void Initialize()
    {
        StartDeadline();
        var request = httpContext.Request;
        var response = httpContext.Response;
        response.ContentType = GrpcHeaders.ContentType;

        var requestEncoding = request.Headers[GrpcHeaders.Encoding];
        if (requestEncoding.Count > 0 && requestEncoding[0] is { } encoding && encoding != GrpcHeaders.IdentityEncoding)
        {
            requestDecompressor = CompressionProviders.Find(settings.CompressionProviders, encoding);
            if (requestDecompressor is null)
            {
                response.Headers[GrpcHeaders.AcceptEncoding] = settings.AcceptEncoding;
                throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {settings.AcceptEncoding}"));
            }
        }

        if (settings.ResponseCompressor is { } compressor && ClientAccepts(request.Headers[GrpcHeaders.AcceptEncoding], compressor.EncodingName))
        {
            responseCompressor = compressor;
            response.Headers[GrpcHeaders.Encoding] = compressor.EncodingName;
        }
    }

    public ValueTask<MessageReadResult<T>> ReadMessageAsync<T>(Func<DeserializationContext, T> deserializer, CancellationToken cancellationToken) =>
        MessageFraming.ReadMessageAsync(httpContext.Request.BodyReader, deserializer, settings.MaxReceiveMessageSize, requestDecompressor, cancellationToken);

    /// <summary>Reads the one request message of a unary or server-streaming call.</summary>
    public ValueTask<T> ReadSingleMessageAsync<T>(Func<DeserializationContext, T> deserializer)
    {
        ValueTask<MessageReadResult<T>> read;
        try
        {
            read = ReadMessageAsync(deserializer, TransportToken);
        }
        catch (Exception exception) when (ClientDisconnect.Caused(exception))
        {
            throw ClientDisconnect.ToCancelled(exception);
        }

        if (!read.IsCompletedSuccessfully)
        {
            return ReadSingleMessageAsync(read, deserializer);
        }

        // The common case: the whole body, END_STREAM included, was there at once; one synchronous read settles it.
        var first = read.Result;
        return first is { HasMessage: true, EndsStream: true }
            ? new ValueTask<T>(first.Message)
            : ReadSingleMessageAsync(new ValueTask<MessageReadResult<T>>(first), deserializer);
    }

    private async ValueTask<T> ReadSingleMessageAsync<T>(ValueTask<MessageReadResult<T>> firstRead, Func<DeserializationContext, T> deserializer)
    {
        try
        {
            return await ReadRestOfSingleMessageAsync(firstRead, deserializer).ConfigureAwait(false);
        }
        catch (Exception exception) when (ClientDisconnect.Caused(exception))
        {
            throw ClientDisconnect.ToCancelled(exception);
        }
    }

    private async ValueTask<T> ReadRestOfSingleMessageAsync<T>(ValueTask<MessageReadResult<T>> firstRead, Func<DeserializationContext, T> deserializer)
    {
        var first = await firstRead.ConfigureAwait(false);
        if (!first.HasMessage)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Request did not contain a message."));
        }

        if (first.EndsStream)
        {
            return first.Message;
        }

        // The body normally ends with the message (END_STREAM on the same DATA frame), so this read completes at once.
        var extra = await ReadMessageAsync(deserializer, TransportToken).ConfigureAwait(false);
        return extra.HasMessage
            ? throw new RpcException(new Status(StatusCode.Internal, "Additional data after the message received."))
            : first.Message;
    }

    /// <summary>
    /// The token of the runtime's own body reads and flushes (the single request read, a response stream's flush):
    /// the deadline's if the call has one, else none. A client reset already ends them (Kestrel completes the request
    /// body with the abort, and stops the response so a pending flush returns), and the status then still comes out
    /// CANCELLED; touching RequestAborted instead would make Kestrel create, and reset after every call, a token
    /// source the bare stack never needs.
    /// </summary>
    public CancellationToken TransportToken => deadlineSource?.Token ?? CancellationToken.None;

    /// <summary>Frames one response message into the body; the caller decides when to flush.</summary>
    public void WriteMessage<T>(T message, Action<T, SerializationContext> serializer, WriteOptions? writeOptions)
    {
        var compressor = writeOptions is not null && (writeOptions.Flags & WriteFlags.NoCompress) != 0 ? null : responseCompressor;
        MessageFraming.WriteMessage(httpContext.Response.BodyWriter, message, serializer, settings.MaxSendMessageSize, compressor);
        messageWritten = true;
    }

    private static bool ClientAccepts(Microsoft.Extensions.Primitives.StringValues acceptEncoding, string encodingName)
    {
        foreach (var value in acceptEncoding)
        {
            foreach (var range in (value ?? "").AsSpan().Split(','))
            {
                if (value.AsSpan()[range].Trim().Equals(encodingName, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
