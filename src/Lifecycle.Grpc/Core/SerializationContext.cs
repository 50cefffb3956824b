using System.Buffers;

namespace Grpc.Core;

/// <summary>Where a marshaller writes one serialized message.</summary>
public abstract class SerializationContext
{
    /// <summary>Completes serialization with the whole payload at once.</summary>
    public virtual void Complete(byte[] payload) => throw new NotSupportedException("This context does not accept a byte array.");

    /// <summary>A writer for the payload; call <see cref="Complete()"/> when done.</summary>
    public virtual IBufferWriter<byte> GetBufferWriter() => throw new NotSupportedException("This context does not offer a buffer writer.");

    /// <summary>Announces the payload length before writing to the buffer writer.</summary>
    public virtual void SetPayloadLength(int payloadLength)
    {
    }

    /// <summary>Completes serialization after writing to the buffer writer.</summary>
    public virtual void Complete() => throw new NotSupportedException("This context does not offer a buffer writer.");
}
