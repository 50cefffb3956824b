using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Lifecycle.Redis.Protocol;

/// <summary>Parses complete RESP2/RESP3 replies out of a byte sequence; an incomplete reply leaves the reader untouched.</summary>
internal static class RespParser
{
    private const int MaxAggregateLength = 64 * 1024 * 1024;

    /// <summary>Reads one reply; returns false (and rewinds) when the bytes for it have not all arrived yet.</summary>
    public static bool TryRead(ref SequenceReader<byte> reader, out RedisResult result)
    {
        var start = reader.Consumed;
        if (TryReadValue(ref reader, out result))
        {
            return true;
        }

        reader.Rewind(reader.Consumed - start);
        return false;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, out RedisResult result)
    {
        result = default;
        if (!reader.TryRead(out var prefix) || !TryReadLine(ref reader, out var line))
        {
            return false;
        }

        switch ((char)prefix)
        {
            case '+':
                result = new RedisResult(RedisResultType.SimpleString, SimpleString(line));
                return true;
            case '-':
                result = new RedisResult(RedisResultType.Error, Encoding.UTF8.GetString(line));
                return true;
            case ':':
                result = new RedisResult(RedisResultType.Integer, null, ParseInteger(line));
                return true;
            case '_':
                result = new RedisResult(RedisResultType.Null, null);
                return true;
            case '#':
                result = new RedisResult(RedisResultType.Boolean, null, line.SequenceEqual("t"u8) ? 1 : 0);
                return true;
            case ',':
                result = new RedisResult(RedisResultType.Double, line.ToArray());
                return true;
            case '(':
                result = new RedisResult(RedisResultType.BigNumber, line.ToArray());
                return true;
            case '$':
                return TryReadBlob(ref reader, ParseInteger(line), RedisResultType.BulkString, out result);
            case '=':
                return TryReadBlob(ref reader, ParseInteger(line), RedisResultType.BulkString, out result, skipFormatPrefix: true);
            case '!':
                if (!TryReadBlob(ref reader, ParseInteger(line), RedisResultType.BulkString, out var blob))
                {
                    return false;
                }

                result = new RedisResult(RedisResultType.Error, blob.ToString());
                return true;
            case '*':
                return TryReadAggregate(ref reader, ParseInteger(line), 1, RedisResultType.Array, out result);
            case '~':
                return TryReadAggregate(ref reader, ParseInteger(line), 1, RedisResultType.Set, out result);
            case '>':
                return TryReadAggregate(ref reader, ParseInteger(line), 1, RedisResultType.Push, out result);
            case '%':
                return TryReadAggregate(ref reader, ParseInteger(line), 2, RedisResultType.Map, out result);
            case '|':
                // Attributes annotate the reply that follows; nothing here uses them, so skip to the reply.
                return TryReadAggregate(ref reader, ParseInteger(line), 2, RedisResultType.Map, out _) && TryReadValue(ref reader, out result);
            default:
                throw new RedisProtocolException($"Unexpected RESP type byte 0x{prefix:x2}.");
        }
    }

    private static bool TryReadBlob(ref SequenceReader<byte> reader, long length, RedisResultType type, out RedisResult result, bool skipFormatPrefix = false)
    {
        result = default;
        if (length < 0)
        {
            result = new RedisResult(RedisResultType.Null, null);
            return true;
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RedisProtocolException("Bulk string is not terminated by CRLF.");
        }

        // Verbatim strings start with a three-letter format and a colon ("txt:"); callers want the text.
        result = new RedisResult(type, skipFormatPrefix && bytes.Length >= 4 ? bytes[4..] : bytes);
        return true;
    }

    private static bool TryReadAggregate(ref SequenceReader<byte> reader, long count, int itemsPerEntry, RedisResultType type, out RedisResult result)
    {
        result = default;
        if (count < 0)
        {
            result = new RedisResult(RedisResultType.Null, null);
            return true;
        }

        if (count * itemsPerEntry > MaxAggregateLength)
        {
            throw new RedisProtocolException($"Aggregate of {count} entries exceeds the supported size.");
        }

        var items = count == 0 ? [] : new RedisResult[count * itemsPerEntry];
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryReadValue(ref reader, out items[i]))
            {
                return false;
            }
        }

        result = new RedisResult(type, items);
        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySpan<byte> line)
    {
        if (!reader.TryReadTo(out line, (byte)'\n'))
        {
            return false;
        }

        if (line.IsEmpty || line[^1] != (byte)'\r')
        {
            throw new RedisProtocolException("RESP line is not terminated by CRLF.");
        }

        line = line[..^1];
        return true;
    }

    private static long ParseInteger(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out long value, out var used) && used == digits.Length
            ? value
            : throw new RedisProtocolException($"Invalid RESP integer '{Encoding.ASCII.GetString(digits)}'.");

    // The common status replies are shared strings, so SET and PING allocate nothing for their answer.
    private static string SimpleString(ReadOnlySpan<byte> line) => line switch
    {
        [(byte)'O', (byte)'K'] => "OK",
        [(byte)'P', (byte)'O', (byte)'N', (byte)'G'] => "PONG",
        [(byte)'Q', (byte)'U', (byte)'E', (byte)'U', (byte)'E', (byte)'D'] => "QUEUED",
        _ => Encoding.UTF8.GetString(line),
    };
}
