using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Grpc.Core;
using Grpc.Net.Compression;

namespace Lifecycle.Grpc.Protocol;

/// <summary>Length-prefixed gRPC messages (1 byte compressed flag, 4 bytes big-endian length, payload): read from pipes, written to any buffer writer.</summary>
internal static class MessageFraming
{
    public const int HeaderSize = 5;

    // Contexts are reused per thread: (de)serializers are synchronous and never re-enter framing.
    [ThreadStatic]
    private static SequenceDeserializationContext? cachedDeserializationContext;

    [ThreadStatic]
    private static PipeSerializationContext? cachedSerializationContext;

    /// <summary>Reads the next message, or reports the end of the stream when it ends cleanly between messages.</summary>
    public static ValueTask<MessageReadResult<T>> ReadMessageAsync<T>(
        PipeReader reader,
        Func<DeserializationContext, T> deserializer,
        int? maxReceiveSize,
        ICompressionProvider? decompressor,
        CancellationToken cancellationToken)
    {
        // The usual case (a unary request, a streamed message already received) is settled without the async state
        // machine: TryRead hands over what is buffered. A canceled token still fails the read, as ReadAsync would.
        if (!cancellationToken.IsCancellationRequested
            && reader.TryRead(out var buffered)
            && TryTakeMessage(reader, buffered, deserializer, maxReceiveSize, decompressor, cancellationToken, out var message))
        {
            return new ValueTask<MessageReadResult<T>>(message);
        }

        return ReadMessageSlowAsync(reader, deserializer, maxReceiveSize, decompressor, cancellationToken);
    }

    private static async ValueTask<MessageReadResult<T>> ReadMessageSlowAsync<T>(
        PipeReader reader,
        Func<DeserializationContext, T> deserializer,
        int? maxReceiveSize,
        ICompressionProvider? decompressor,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (TryTakeMessage(reader, result, deserializer, maxReceiveSize, decompressor, cancellationToken, out var message))
            {
                return message;
            }
        }
    }

    /// <summary>
    /// Takes the next message (or the clean end of the stream) out of one read's buffer and advances the reader past
    /// it; false, with the buffer marked examined, when more data must arrive first.
    /// </summary>
    private static bool TryTakeMessage<T>(
        PipeReader reader,
        in ReadResult result,
        Func<DeserializationContext, T> deserializer,
        int? maxReceiveSize,
        ICompressionProvider? decompressor,
        CancellationToken cancellationToken,
        out MessageReadResult<T> message)
    {
        var buffer = result.Buffer;
        if (buffer.Length >= HeaderSize)
        {
            var (compressed, length) = ParseHeader(buffer, reader, decompressor, maxReceiveSize);
            if (buffer.Length - HeaderSize >= length)
            {
                var end = buffer.GetPosition(HeaderSize + length);
                try
                {
                    var payload = buffer.Slice(HeaderSize, length);
                    message = new MessageReadResult<T>(true, ReadPayload(payload, compressed, deserializer, decompressor, maxReceiveSize))
                    {
                        EndsStream = result.IsCompleted && buffer.Length == HeaderSize + length,
                    };
                    return true;
                }
                finally
                {
                    reader.AdvanceTo(end);
                }
            }
        }

        if (result.IsCompleted)
        {
            reader.AdvanceTo(buffer.End);
            message = buffer.IsEmpty ? MessageReadResult<T>.EndOfStream : throw IncompleteMessage();
            return true;
        }

        if (result.IsCanceled)
        {
            reader.AdvanceTo(buffer.Start);
            throw new OperationCanceledException(cancellationToken);
        }

        reader.AdvanceTo(buffer.Start, buffer.End);
        message = default;
        return false;
    }

    /// <summary>Writes one framed message; the caller flushes.</summary>
    public static void WriteMessage<T>(IBufferWriter<byte> writer, T message, Action<T, SerializationContext> serializer, int? maxSendSize, ICompressionProvider? compressor)
    {
        var context = cachedSerializationContext ??= new PipeSerializationContext();
        context.Reset(writer, maxSendSize, collectOnly: compressor is not null);
        serializer(message, context);
        if (!context.Completed)
        {
            throw new InvalidOperationException("The message serializer did not complete.");
        }

        if (compressor is not null)
        {
            WriteCompressed(writer, context.CollectedPayload.Span, compressor);
        }
    }

    public static void WriteHeader(IBufferWriter<byte> writer, bool compressed, int length)
    {
        var span = writer.GetSpan(HeaderSize);
        PipeSerializationContext.WriteHeaderBytes(span, compressed, length);
        writer.Advance(HeaderSize);
    }

    private static (bool Compressed, int Length) ParseHeader(ReadOnlySequence<byte> buffer, PipeReader reader, ICompressionProvider? decompressor, int? maxReceiveSize)
    {
        Span<byte> copy = stackalloc byte[HeaderSize];
        var first = buffer.FirstSpan;
        var header = first.Length >= HeaderSize ? first : CopyHeader(buffer, copy);
        var flag = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (IsAccepted(flag, length, decompressor, maxReceiveSize))
        {
            return (flag == 1, (int)length);
        }

        // The refused message stays unread, so the caller can end the call without consuming the pipe.
        reader.AdvanceTo(buffer.Start);
        throw Refusal(flag, decompressor);
    }

    /// <summary>The compressed flag and payload length of a message header; RpcException if the message is refused.</summary>
    internal static (bool Compressed, int Length) ParseHeader(ReadOnlySpan<byte> header, ICompressionProvider? decompressor, int? maxReceiveSize)
    {
        var flag = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        return IsAccepted(flag, length, decompressor, maxReceiveSize) ? (flag == 1, (int)length) : throw Refusal(flag, decompressor);
    }

    private static bool IsAccepted(byte flag, uint length, ICompressionProvider? decompressor, int? maxReceiveSize) =>
        (flag == 0 || (flag == 1 && decompressor is not null)) && length <= (uint)(maxReceiveSize ?? int.MaxValue);

    /// <summary>Why a header that <see cref="IsAccepted"/> refused is refused: the flag first, then the size.</summary>
    private static RpcException Refusal(byte flag, ICompressionProvider? decompressor) => flag switch
    {
        1 when decompressor is null => new(new Status(StatusCode.Internal, "A compressed message arrived without a supported grpc-encoding.")),
        0 or 1 => new(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.")),
        _ => new(new Status(StatusCode.Internal, $"Unknown message compression flag {flag}.")),
    };

    /// <summary>Decompresses (when flagged) and deserializes one payload.</summary>
    internal static T ReadPayload<T>(ReadOnlySequence<byte> payload, bool compressed, Func<DeserializationContext, T> deserializer, ICompressionProvider? decompressor, int? maxReceiveSize) =>
        compressed ? Deserialize(Decompress(payload, decompressor!, maxReceiveSize), deserializer) : Deserialize(payload, deserializer);

    internal static RpcException IncompleteMessage() => new(new Status(StatusCode.Internal, "Incomplete message: the stream ended inside a message."));

    private static ReadOnlySpan<byte> CopyHeader(ReadOnlySequence<byte> buffer, Span<byte> destination)
    {
        buffer.Slice(0, HeaderSize).CopyTo(destination);
        return destination;
    }

    private static T Deserialize<T>(ReadOnlySequence<byte> payload, Func<DeserializationContext, T> deserializer)
    {
        var context = cachedDeserializationContext ??= new SequenceDeserializationContext();
        context.SetPayload(payload);
        try
        {
            return deserializer(context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the message.", ex));
        }
        finally
        {
            context.SetPayload(default);
        }
    }

    private static ReadOnlySequence<byte> Decompress(ReadOnlySequence<byte> payload, ICompressionProvider decompressor, int? maxReceiveSize)
    {
        var limit = maxReceiveSize ?? int.MaxValue;
        using var source = new ReadOnlySequenceStream(payload);
        using var decompression = decompressor.CreateDecompressionStream(source);
        var output = new ArrayBufferWriter<byte>(Math.Max(256, (int)Math.Min(payload.Length * 4, 1 << 20)));
        try
        {
            int read;
            while ((read = decompression.Read(output.GetSpan(8192))) > 0)
            {
                output.Advance(read);
                if (output.WrittenCount > limit)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size after decompression."));
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress the message.", ex));
        }

        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }

    private static void WriteCompressed(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload, ICompressionProvider compressor)
    {
        using var compressedBytes = new MemoryStream();
        using (var compression = compressor.CreateCompressionStream(compressedBytes, null))
        {
            compression.Write(payload);
        }

        WriteHeader(writer, compressed: true, (int)compressedBytes.Length);
        writer.Write(compressedBytes.GetBuffer().AsSpan(0, (int)compressedBytes.Length));
    }
}
