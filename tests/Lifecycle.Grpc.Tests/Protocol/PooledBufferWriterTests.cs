using System.Text;
using Grpc.Core;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Tests.Protocol;

public class PooledBufferWriterTests
{
    [Fact]
    public void Frames_a_message_larger_than_its_first_array_intact()
    {
        var text = new string('x', 10_000);
        using var writer = new PooledBufferWriter();

        MessageFraming.WriteMessage(writer, text, Marshallers.StringMarshaller.ContextualSerializer, null, null);

        var framed = writer.WrittenMemory.Span;
        Assert.Equal(MessageFraming.HeaderSize + 10_000, framed.Length);
        Assert.Equal([0, 0, 0, 0x27, 0x10], framed[..MessageFraming.HeaderSize].ToArray());
        Assert.Equal(text, Encoding.UTF8.GetString(framed[MessageFraming.HeaderSize..]));
    }

    [Fact]
    public void Dispose_leaves_nothing_written_and_the_writer_can_start_again()
    {
        var writer = new PooledBufferWriter();
        writer.GetSpan(3)[..3].Fill(7);
        writer.Advance(3);

        writer.Dispose();
        Assert.True(writer.WrittenMemory.IsEmpty);

        writer.GetSpan(1)[0] = 9;
        writer.Advance(1);
        Assert.Equal([9], writer.WrittenMemory.ToArray());
        writer.Dispose();
    }
}
