using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;

namespace Lifecycle.Grpc.Protocol;

/// <summary>
/// Writes one framed message into a pipe (or any buffer writer). When the serializer announces the payload length
/// (protobuf does), the header goes first and the payload is written straight into the pipe: no intermediate buffer.
/// A small message takes its header and payload from the pipe in one piece (one GetMemory, one Advance): Kestrel's
/// response writer takes a lock on each, and a message otherwise paid two of each.
/// </summary>
internal sealed class PipeSerializationContext : SerializationContext, IBufferWriter<byte>
{
    // Within one default pipe segment (4 KiB), so reserving never makes the pipe rent a larger buffer.
    private const int LargestReservedPayload = 4096 - MessageFraming.HeaderSize;

    private IBufferWriter<byte>? writer;
    private int? maxSize;
    private ArrayBufferWriter<byte>? buffer;
    private Mode mode;
    private Memory<byte> reserved;
    private int reservedWritten;

    /// <summary>Where the payload goes: collected in <see cref="buffer"/>, written to the pipe, or into memory reserved from it.</summary>
    private enum Mode
    {
        Buffered,
        Direct,
        Reserved,
    }

    public bool Completed { get; private set; }

    /// <summary>When set, the payload is only collected (for compression) and not written to the pipe.</summary>
    public bool CollectOnly { get; private set; }

    public ReadOnlyMemory<byte> CollectedPayload => buffer is null ? ReadOnlyMemory<byte>.Empty : buffer.WrittenMemory;

    public void Reset(IBufferWriter<byte> target, int? maxSendSize, bool collectOnly)
    {
        writer = target;
        maxSize = maxSendSize;
        CollectOnly = collectOnly;
        mode = Mode.Buffered;
        reserved = default;
        reservedWritten = 0;
        Completed = false;
        buffer?.ResetWrittenCount();
    }

    public override void SetPayloadLength(int payloadLength)
    {
        EnsureWithinLimit(payloadLength);
        if (CollectOnly)
        {
            return;
        }

        if (payloadLength <= LargestReservedPayload)
        {
            reserved = writer!.GetMemory(MessageFraming.HeaderSize + payloadLength);
            WriteHeaderBytes(reserved.Span, compressed: false, payloadLength);
            reservedWritten = MessageFraming.HeaderSize;
            mode = Mode.Reserved;
            return;
        }

        MessageFraming.WriteHeader(writer!, compressed: false, payloadLength);
        mode = Mode.Direct;
    }

    public override IBufferWriter<byte> GetBufferWriter() => mode switch
    {
        Mode.Reserved => this,
        Mode.Direct => writer!,
        _ => buffer ??= new ArrayBufferWriter<byte>(),
    };

    public override void Complete(byte[] payload)
    {
        EnsureWithinLimit(payload.Length);
        if (CollectOnly)
        {
            GetBufferWriter().Write(payload);
        }
        else
        {
            MessageFraming.WriteHeader(writer!, compressed: false, payload.Length);
            writer!.Write(payload);
        }

        Completed = true;
    }

    public override void Complete()
    {
        if (CollectOnly)
        {
            EnsureWithinLimit(buffer?.WrittenCount ?? 0);
        }
        else if (mode == Mode.Reserved)
        {
            CommitReserved();
        }
        else if (mode == Mode.Buffered)
        {
            var payload = buffer is null ? ReadOnlySpan<byte>.Empty : buffer.WrittenSpan;
            EnsureWithinLimit(payload.Length);
            MessageFraming.WriteHeader(writer!, compressed: false, payload.Length);
            writer!.Write(payload);
        }

        Completed = true;
    }

    void IBufferWriter<byte>.Advance(int count)
    {
        if (mode == Mode.Reserved)
        {
            reservedWritten += count;
        }
        else
        {
            writer!.Advance(count);
        }
    }

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        if (mode == Mode.Reserved)
        {
            if (reserved.Length - reservedWritten >= Math.Max(sizeHint, 1))
            {
                return reserved[reservedWritten..];
            }

            // The serializer wants more than it announced: hand over what is written and continue in the pipe.
            CommitReserved();
            mode = Mode.Direct;
        }

        return writer!.GetMemory(sizeHint);
    }

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => ((IBufferWriter<byte>)this).GetMemory(sizeHint).Span;

    private void CommitReserved()
    {
        writer!.Advance(reservedWritten);
        reserved = default;
        reservedWritten = 0;
    }

    private void EnsureWithinLimit(int length)
    {
        if (length > maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size."));
        }
    }

    internal static void WriteHeaderBytes(Span<byte> header, bool compressed, int length)
    {
        header[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)length);
    }
}
