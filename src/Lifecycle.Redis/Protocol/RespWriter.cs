using System.Buffers;
using System.Buffers.Text;

namespace Lifecycle.Redis.Protocol;

/// <summary>Encodes a command as a RESP array of bulk strings straight into the outgoing buffer.</summary>
internal static class RespWriter
{
    public static void WriteCommand(IBufferWriter<byte> output, RedisCommand command, ReadOnlySpan<RedisValue> args)
    {
        WriteHeader(output, (byte)'*', args.Length + 1);
        output.Write(command.Encoded);
        foreach (var arg in args)
        {
            var length = arg.ByteCount;
            WriteHeader(output, (byte)'$', length);
            if (length > 0)
            {
                // Large values may exceed one segment; encode to a span of their exact size when it fits, otherwise copy in pieces.
                var span = output.GetSpan(length);
                if (span.Length >= length)
                {
                    arg.CopyTo(span[..length]);
                    output.Advance(length);
                }
                else
                {
                    output.Write(arg.ToBytes());
                }
            }

            output.Write("\r\n"u8);
        }
    }

    private static void WriteHeader(IBufferWriter<byte> output, byte prefix, int count)
    {
        var span = output.GetSpan(16);
        span[0] = prefix;
        Utf8Formatter.TryFormat(count, span[1..], out var written);
        span[written + 1] = (byte)'\r';
        span[written + 2] = (byte)'\n';
        output.Advance(written + 3);
    }
}
