using System.Buffers;

namespace Lifecycle.Redis.Connection;

/// <summary>
/// Commands waiting to be written, double-buffered: callers encode into the filling buffer while the writer
/// loop sends the other one, and the two swap when the writer comes back for more. Not thread-safe on its own:
/// the connection's write lock guards every call, so the bytes' order is the order replies are expected in.
/// </summary>
internal sealed class OutgoingBuffer
{
    private const int InitialCapacity = 64 * 1024;

    // A 16 MiB value grows a buffer to match; past this size it is dropped after sending rather than kept for good.
    private const int MaxRetainedCapacity = 1024 * 1024;

    private ArrayBufferWriter<byte> _filling = new(InitialCapacity);
    private ArrayBufferWriter<byte>? _spare = new(InitialCapacity);

    /// <summary>Where the next command is encoded.</summary>
    public IBufferWriter<byte> Writer => _filling;

    public bool IsEmpty => _filling.WrittenCount == 0;

    /// <summary>Hands everything encoded so far to the writer, who returns it with <see cref="Recycle"/> once sent.</summary>
    public ArrayBufferWriter<byte> TakeFilled()
    {
        var filled = _filling;
        _filling = _spare ?? new ArrayBufferWriter<byte>(InitialCapacity);
        _spare = null;
        return filled;
    }

    /// <summary>Takes a sent buffer back as the spare.</summary>
    public void Recycle(ArrayBufferWriter<byte> sent)
    {
        if (sent.Capacity > MaxRetainedCapacity)
        {
            _spare = new ArrayBufferWriter<byte>(InitialCapacity);
            return;
        }

        sent.ResetWrittenCount();
        _spare = sent;
    }
}
