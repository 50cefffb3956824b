using System.Buffers;

namespace Grpc.Core;

/// <summary>One received message payload handed to a marshaller.</summary>
public abstract class DeserializationContext
{
    public abstract int PayloadLength { get; }

    /// <summary>A copy of the payload in a new array.</summary>
    public virtual byte[] PayloadAsNewBuffer() => PayloadAsReadOnlySequence().ToArray();

    /// <summary>The payload without copying; valid only during the deserializer call.</summary>
    public virtual ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(PayloadAsNewBuffer());
}
