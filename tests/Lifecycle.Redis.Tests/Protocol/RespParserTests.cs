using System.Buffers;
using System.Text;
using Lifecycle.Redis.Protocol;

namespace Lifecycle.Redis.Tests.Protocol;

public sealed class RespParserTests
{
    private static List<RedisResult> ParseAll(ReadOnlySequence<byte> bytes, out long consumed)
    {
        var reader = new SequenceReader<byte>(bytes);
        var replies = new List<RedisResult>();
        while (RespParser.TryRead(ref reader, out var reply))
        {
            replies.Add(reply);
        }

        consumed = reader.Consumed;
        return replies;
    }

    private static ReadOnlySequence<byte> Split(string text, int chunk)
    {
        // Builds a multi-segment sequence so replies straddle segment boundaries.
        var bytes = Encoding.UTF8.GetBytes(text);
        Segment? first = null, last = null;
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            var next = new Segment(bytes.AsMemory(i, Math.Min(chunk, bytes.Length - i)), last);
            first ??= next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Parses_every_resp2_and_resp3_type_across_segment_boundaries(int chunk)
    {
        const string wire = "+OK\r\n-ERR bad\r\n:42\r\n$3\r\na\r\n\r\n$-1\r\n*2\r\n$1\r\nx\r\n:1\r\n*-1\r\n_\r\n#t\r\n,1.5\r\n(123\r\n"
            + "=7\r\ntxt:abc\r\n%1\r\n+k\r\n+v\r\n~1\r\n:7\r\n>2\r\n+message\r\n+m\r\n|1\r\n+ttl\r\n:3\r\n:9\r\n!5\r\nERR x\r\n$0\r\n\r\n";

        var replies = ParseAll(Split(wire, chunk), out var consumed);

        Assert.Equal(Encoding.UTF8.GetByteCount(wire), consumed);
        Assert.Equal(
            ["OK", "ERR bad", "42", "a\r\n", null, "[x, 1]", null, null, "1", "1.5", "123", "abc", "[k, v]", "[7]", "[message, m]", "9", "ERR x", ""],
            replies.Select(r => r.ToString()));
        Assert.Equal(RedisResultType.Error, replies[1].Type);
        Assert.Equal(RedisResultType.Map, replies[12].Type);
        Assert.Equal(RedisResultType.Push, replies[14].Type);
        Assert.Equal(RedisResultType.Error, replies[16].Type);
    }

    [Fact]
    public void Incomplete_reply_consumes_nothing_so_it_can_be_retried_with_more_bytes()
    {
        var replies = ParseAll(Split("*2\r\n$5\r\nhello\r\n$5\r\nwor", 4), out var consumed);

        Assert.Empty(replies);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void Garbage_is_a_protocol_error()
    {
        Assert.Throws<RedisProtocolException>(() => ParseAll(Split("?what\r\n", 100), out _));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
