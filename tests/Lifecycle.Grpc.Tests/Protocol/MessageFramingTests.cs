using System.IO.Pipelines;
using System.Text;
using Grpc.Core;
using Grpc.Net.Compression;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Tests.Protocol;

public class MessageFramingTests
{
    private static readonly Marshaller<string> Strings = Marshallers.StringMarshaller;

    /// <summary>Serializes as protobuf does: announces the length, then writes through the buffer writer, here in 1000-byte pieces.</summary>
    private static void WriteAnnouncedInPieces(byte[] payload, SerializationContext context)
    {
        context.SetPayloadLength(payload.Length);
        var writer = context.GetBufferWriter();
        for (var offset = 0; offset < payload.Length; offset += 1000)
        {
            var piece = payload.AsSpan(offset, Math.Min(1000, payload.Length - offset));
            piece.CopyTo(writer.GetSpan(piece.Length));
            writer.Advance(piece.Length);
        }

        context.Complete();
    }

    [Fact]
    public async Task Written_messages_read_back_in_order_then_end_of_stream()
    {
        var pipe = new Pipe();
        MessageFraming.WriteMessage(pipe.Writer, "first", Strings.ContextualSerializer, null, null);
        MessageFraming.WriteMessage(pipe.Writer, "", Strings.ContextualSerializer, null, null);
        MessageFraming.WriteMessage(pipe.Writer, "third", Strings.ContextualSerializer, null, new GzipCompressionProvider());
        await pipe.Writer.CompleteAsync();

        var gzip = new GzipCompressionProvider();
        Assert.Equal("first", (await Read(pipe.Reader, gzip)).Message);
        Assert.Equal("", (await Read(pipe.Reader, gzip)).Message);
        Assert.Equal("third", (await Read(pipe.Reader, gzip)).Message);
        Assert.False((await Read(pipe.Reader, gzip)).HasMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4091)] // the largest payload framed in one piece reserved from the pipe
    [InlineData(4092)]
    [InlineData(70_000)]
    public async Task Message_announced_by_length_and_written_in_pieces_reads_back_whole(int length)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var pipe = new Pipe();

        MessageFraming.WriteMessage(pipe.Writer, payload, WriteAnnouncedInPieces, null, null);
        MessageFraming.WriteMessage<byte[]>(pipe.Writer, [42], WriteAnnouncedInPieces, null, null);
        await pipe.Writer.CompleteAsync();

        Assert.Equal(payload, (await MessageFraming.ReadMessageAsync(pipe.Reader, context => context.PayloadAsNewBuffer(), null, null, default)).Message);
        Assert.Equal([42], (await MessageFraming.ReadMessageAsync(pipe.Reader, context => context.PayloadAsNewBuffer(), null, null, default)).Message);
    }

    [Fact]
    public async Task Stream_ending_inside_a_message_is_internal()
    {
        var reader = Frame(0, 10, Encoding.UTF8.GetBytes("short"));

        var error = await Assert.ThrowsAsync<RpcException>(() => Read(reader, null).AsTask());
        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task Unknown_compression_flag_is_internal()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Read(Frame(7, 1, [65]), new GzipCompressionProvider()).AsTask());
        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task Compressed_flag_without_encoding_is_internal()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Read(Frame(1, 1, [65]), null).AsTask());
        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task Oversized_length_prefix_is_resource_exhausted_before_the_body_arrives()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[] { 0, 0, 0xA0, 0, 0 });

        var error = await Assert.ThrowsAsync<RpcException>(() => MessageFraming.ReadMessageAsync(pipe.Reader, Strings.ContextualDeserializer, 4 * 1024 * 1024, null, default).AsTask());
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public void Oversized_outgoing_message_is_resource_exhausted()
    {
        var pipe = new Pipe();

        var error = Assert.Throws<RpcException>(() => MessageFraming.WriteMessage(pipe.Writer, new string('x', 100), Strings.ContextualSerializer, 10, null));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Deserializer_failure_is_internal()
    {
        Func<DeserializationContext, string> failing = _ => throw new FormatException("bad bytes");

        var error = await Assert.ThrowsAsync<RpcException>(() => MessageFraming.ReadMessageAsync(Frame(0, 1, [1]), failing, null, null, default).AsTask());
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("bad bytes", error.Status.Detail);
    }

    private static ValueTask<MessageReadResult<string>> Read(PipeReader reader, ICompressionProvider? decompressor) =>
        MessageFraming.ReadMessageAsync(reader, Strings.ContextualDeserializer, 1024, decompressor, default);

    private static PipeReader Frame(byte flag, uint declaredLength, byte[] body)
    {
        var bytes = new byte[5 + body.Length];
        bytes[0] = flag;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1), declaredLength);
        body.CopyTo(bytes, 5);
        return PipeReader.Create(new MemoryStream(bytes));
    }
}
