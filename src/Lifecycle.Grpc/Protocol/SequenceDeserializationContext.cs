using System.Buffers;
using Grpc.Core;

namespace Lifecycle.Grpc.Protocol;

/// <summary>Hands a received payload to a deserializer without copying it.</summary>
internal sealed class SequenceDeserializationContext : DeserializationContext
{
    private ReadOnlySequence<byte> payload;

    public override int PayloadLength => (int)payload.Length;

    public void SetPayload(ReadOnlySequence<byte> value) => payload = value;

    public override byte[] PayloadAsNewBuffer() => payload.ToArray();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => payload;
}
