using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;

namespace Lifecycle.Grpc.Protocol;

/// <summary>
/// Writes one framed message into a pipe (or any buffer writer). When the serializer announces the payload length
/// (protobuf does), the header goes first and the payload is written straight into the pipe: no intermediate buffer.
/// </summary>
internal sealed class PipeSerializationContext : SerializationContext
{
    private IBufferWriter<byte>? writer;
    private int? maxSize;
    private ArrayBufferWriter<byte>? buffer;
    private bool writingDirectly;

    public bool Completed { get; private set; }

    /// <summary>When set, the payload is only collected (for compression) and not written to the pipe.</summary>
    public bool CollectOnly { get; private set; }

    public ReadOnlyMemory<byte> CollectedPayload => buffer is null ? ReadOnlyMemory<byte>.Empty : buffer.WrittenMemory;

    public void Reset(IBufferWriter<byte> target, int? maxSendSize, bool collectOnly)
    {
        writer = target;
        maxSize = maxSendSize;
        CollectOnly = collectOnly;
        writingDirectly = false;
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

        MessageFraming.WriteHeader(writer!, compressed: false, payloadLength);
        writingDirectly = true;
    }

    public override IBufferWriter<byte> GetBufferWriter() => writingDirectly ? writer! : buffer ??= new ArrayBufferWriter<byte>();

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
        if (!writingDirectly && !CollectOnly)
        {
            var payload = buffer is null ? ReadOnlySpan<byte>.Empty : buffer.WrittenSpan;
            EnsureWithinLimit(payload.Length);
            MessageFraming.WriteHeader(writer!, compressed: false, payload.Length);
            writer!.Write(payload);
        }
        else if (CollectOnly)
        {
            EnsureWithinLimit(buffer?.WrittenCount ?? 0);
        }

        Completed = true;
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
