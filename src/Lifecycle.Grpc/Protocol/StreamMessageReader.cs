using System.Buffers;
using Grpc.Core;
using Grpc.Net.Compression;

namespace Lifecycle.Grpc.Protocol;

/// <summary>
/// Reads length-prefixed messages from a stream (a client call's response body) into one pooled buffer: what
/// PipeReader.Create(stream) does for framing, without allocating a reader, its segments and its segment stack per
/// call. One reader at a time: the caller serialises reads.
/// </summary>
internal sealed class StreamMessageReader(Stream stream)
{
    private const int InitialSize = 4096;

    private byte[] buffer = [];
    private int start;
    private int end;
    private bool streamEnded;

    /// <summary>Reads the next message, or reports the end of the stream when it ends cleanly between messages.</summary>
    public async ValueTask<MessageReadResult<T>> ReadMessageAsync<T>(
        Func<DeserializationContext, T> deserializer,
        int? maxReceiveSize,
        ICompressionProvider? decompressor,
        CancellationToken cancellationToken)
    {
        try
        {
            if (!await FillAsync(MessageFraming.HeaderSize, cancellationToken).ConfigureAwait(false))
            {
                return start == end ? EndOfStream<T>() : throw MessageFraming.IncompleteMessage();
            }

            var (compressed, length) = MessageFraming.ParseHeader(buffer.AsSpan(start, MessageFraming.HeaderSize), decompressor, maxReceiveSize);
            if (length > Array.MaxLength - MessageFraming.HeaderSize)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the largest buffer this process can hold."));
            }

            if (!await FillAsync(MessageFraming.HeaderSize + length, cancellationToken).ConfigureAwait(false))
            {
                throw MessageFraming.IncompleteMessage();
            }

            var payload = new ReadOnlySequence<byte>(buffer, start + MessageFraming.HeaderSize, length);
            start += MessageFraming.HeaderSize + length;
            var message = MessageFraming.ReadPayload(payload, compressed, deserializer, decompressor, maxReceiveSize);
            return new MessageReadResult<T>(true, message) { EndsStream = streamEnded && start == end };
        }
        catch
        {
            // No read is in flight once this one failed, so the buffer can go back; the call ends with this error.
            Release();
            throw;
        }
    }

    private MessageReadResult<T> EndOfStream<T>()
    {
        Release();
        return MessageReadResult<T>.EndOfStream;
    }

    /// <summary>Reads until <paramref name="count"/> unread bytes are buffered; false if the stream ends first.</summary>
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        while (end - start < count)
        {
            if (streamEnded)
            {
                return false;
            }

            MakeRoom(count);
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                streamEnded = true;
            }
            else
            {
                end += read;
            }
        }

        return true;
    }

    /// <summary>Ensures the buffer can hold <paramref name="count"/> bytes from the unread start, with free space after the end.</summary>
    private void MakeRoom(int count)
    {
        var unread = end - start;
        if (buffer.Length - start >= count && end < buffer.Length)
        {
            return;
        }

        if (buffer.Length >= count && unread < buffer.Length)
        {
            buffer.AsSpan(start, unread).CopyTo(buffer);
        }
        else
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(InitialSize, Math.Max(count, 2L * buffer.Length))));
            buffer.AsSpan(start, unread).CopyTo(larger);
            ReturnBuffer();
            buffer = larger;
        }

        start = 0;
        end = unread;
    }

    private void Release()
    {
        streamEnded = true;
        start = end = 0;
        ReturnBuffer();
        buffer = [];
    }

    private void ReturnBuffer()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
