using System.Buffers;
using System.IO.Pipelines;
using Grpc.Core;
using Grpc.Net.Compression;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Tests.Protocol;

public class StreamMessageReaderTests
{
    private static readonly Marshaller<string> Strings = Marshallers.StringMarshaller;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1 << 20)]
    public async Task Reads_every_message_whatever_the_read_sizes_then_end_of_stream(int bytesPerRead)
    {
        var big = new string('b', 50_000);
        var reader = new StreamMessageReader(new TrickleStream(Framed(("first", null), ("", null), (big, null), ("zipped", new GzipCompressionProvider())), bytesPerRead));

        Assert.Equal("first", (await Read(reader)).Message);
        Assert.Equal("", (await Read(reader)).Message);
        Assert.Equal(big, (await Read(reader)).Message);
        Assert.Equal("zipped", (await Read(reader)).Message);
        Assert.False((await Read(reader)).HasMessage);
        Assert.False((await Read(reader)).HasMessage);
    }

    [Fact]
    public async Task Stream_ending_inside_a_message_is_internal()
    {
        var framed = Framed(("cut short", null));
        var reader = new StreamMessageReader(new MemoryStream(framed[..^2]));

        var error = await Assert.ThrowsAsync<RpcException>(() => Read(reader).AsTask());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("Incomplete message", error.Status.Detail);
    }

    [Fact]
    public async Task Message_over_the_limit_is_resource_exhausted_and_unknown_flags_internal()
    {
        var tooBig = new StreamMessageReader(new MemoryStream(Framed((new string('x', (1 << 20) + 1), null))));
        var badFlag = new StreamMessageReader(new MemoryStream([7, 0, 0, 0, 1, 65]));

        Assert.Equal(StatusCode.ResourceExhausted, (await Assert.ThrowsAsync<RpcException>(() => Read(tooBig).AsTask())).StatusCode);
        Assert.Equal(StatusCode.Internal, (await Assert.ThrowsAsync<RpcException>(() => Read(badFlag).AsTask())).StatusCode);
    }

    private static ValueTask<MessageReadResult<string>> Read(StreamMessageReader reader) =>
        reader.ReadMessageAsync(Strings.ContextualDeserializer, 1 << 20, new GzipCompressionProvider(), default);

    private static byte[] Framed(params (string Text, ICompressionProvider? Compressor)[] messages)
    {
        var pipe = new Pipe();
        foreach (var (text, compressor) in messages)
        {
            MessageFraming.WriteMessage(pipe.Writer, text, Strings.ContextualSerializer, null, compressor);
        }

        pipe.Writer.Complete();
        pipe.Reader.TryRead(out var result);
        return result.Buffer.ToArray();
    }

    /// <summary>Hands out at most a few bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] data, int bytesPerRead) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, bytesPerRead)], cancellationToken);
    }
}
