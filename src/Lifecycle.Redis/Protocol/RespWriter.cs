using System.Buffers;
using System.Buffers.Text;

namespace Lifecycle.Redis.Protocol;

/// <summary>Encodes a command as a RESP array of bulk strings straight into the outgoing buffer.</summary>
internal static class RespWriter
{
    private const int StackallocArguments = 16;

    /// <summary>
    /// Sizes every part first, then encodes the whole command into one span of its exact size: one
    /// GetSpan/Advance per command instead of several per argument, and no intermediate arrays.
    /// </summary>
    public static void WriteCommand(IBufferWriter<byte> output, RedisCommand command, ReadOnlySpan<RedisValue> args)
    {
        Span<int> lengths = args.Length <= StackallocArguments ? stackalloc int[StackallocArguments] : new int[args.Length];
        var total = HeaderSize(args.Length + 1) + command.Encoded.Length;
        for (var i = 0; i < args.Length; i++)
        {
            var length = args[i].ByteCount;
            lengths[i] = length;
            total += HeaderSize(length) + length + 2;
        }

        var span = output.GetSpan(total);
        var at = WriteHeader(span, (byte)'*', args.Length + 1);
        command.Encoded.CopyTo(span[at..]);
        at += command.Encoded.Length;
        for (var i = 0; i < args.Length; i++)
        {
            var length = lengths[i];
            at += WriteHeader(span[at..], (byte)'$', length);
            args[i].CopyTo(span.Slice(at, length));
            at += length;
            span[at++] = (byte)'\r';
            span[at++] = (byte)'\n';
        }

        output.Advance(total);
    }

    /// <summary>Bytes of <c>*3\r\n</c> or <c>$16\r\n</c>: prefix, decimal digits, CRLF.</summary>
    private static int HeaderSize(int count) => 3 + DigitCount(count);

    private static int DigitCount(int value)
    {
        var digits = 1;
        for (; value >= 10; value /= 10)
        {
            digits++;
        }

        return digits;
    }

    private static int WriteHeader(Span<byte> span, byte prefix, int count)
    {
        span[0] = prefix;
        Utf8Formatter.TryFormat(count, span[1..], out var written);
        span[written + 1] = (byte)'\r';
        span[written + 2] = (byte)'\n';
        return written + 3;
    }
}
