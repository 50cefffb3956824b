using System.Buffers;

namespace Lifecycle.Grpc.Protocol;

/// <summary>A buffer writer over arrays rented from the shared pool; <see cref="Dispose"/> gives the array back.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int MinimumSize = 256;

    private byte[] buffer = [];
    private int written;

    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, written);

    public void Advance(int count) => written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return buffer.AsMemory(written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return buffer.AsSpan(written);
    }

    public void Dispose()
    {
        var rented = buffer;
        buffer = [];
        written = 0;
        if (rented.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void EnsureFree(int sizeHint)
    {
        var needed = (long)written + Math.Max(sizeHint, 1);
        if (needed <= buffer.Length)
        {
            return;
        }

        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(MinimumSize, 2L * buffer.Length)));
        var larger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, written).CopyTo(larger);
        var previous = buffer;
        buffer = larger;
        if (previous.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(previous);
        }
    }
}
