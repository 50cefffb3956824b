using System.Buffers;

namespace Grpc.Core;

/// <summary>Collects a contextual serializer's output into one array (for the simple Serializer view).</summary>
internal sealed class ByteArraySerializationContext : SerializationContext
{
    private ArrayBufferWriter<byte>? writer;
    private byte[]? payload;

    public byte[] Payload => payload ?? throw new InvalidOperationException("The serializer did not complete.");

    public override void Complete(byte[] payload) => this.payload = payload;

    public override IBufferWriter<byte> GetBufferWriter() => writer ??= new ArrayBufferWriter<byte>();

    public override void Complete() => payload = writer?.WrittenSpan.ToArray() ?? [];
}

/// <summary>Presents a byte array to a contextual deserializer.</summary>
internal sealed class ByteArrayDeserializationContext(byte[] payload) : DeserializationContext
{
    public override int PayloadLength => payload.Length;

    public override byte[] PayloadAsNewBuffer() => (byte[])payload.Clone();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
}
