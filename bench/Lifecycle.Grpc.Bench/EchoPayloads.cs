using System.Buffers.Binary;
using Google.Protobuf;
using Lifecycle.Grpc.Testing.Echo;

namespace Lifecycle.Grpc.Bench;

/// <summary>The messages every benchmark sends and expects, pre-framed for h2load and the bare endpoint.</summary>
internal static class EchoPayloads
{
    public const string Text = "hello, lifecycle";
    public const int StreamCount = 10;

    public static EchoRequest Request { get; } = new() { Text = Text };

    public static byte[] FramedEchoRequest { get; } = Frame(Request);

    public static byte[] FramedExpandRequest { get; } = Frame(new ExpandRequest { Text = Text, Count = StreamCount });

    public static byte[] FramedEchoResponse { get; } = Frame(new EchoResponse { Text = Text });

    public static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var framed = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(framed, 5);
        return framed;
    }
}
