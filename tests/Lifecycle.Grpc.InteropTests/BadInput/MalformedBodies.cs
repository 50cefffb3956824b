using System.Buffers.Binary;
using Google.Protobuf;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.InteropTests.BadInput;

/// <summary>Request bodies that break the length-prefixed message framing or the message inside it, by name.</summary>
public static class MalformedBodies
{
    public const string HeaderCutShort = "body ends inside the 5-byte header";
    public const string MessageCutShort = "body ends inside the message";
    public const string LengthBeyondBody = "length prefix larger than the body";
    public const string UnknownCompressionFlag = "compression flag 2";
    public const string CompressedWithoutEncoding = "compressed flag with identity encoding";
    public const string InvalidProtobuf = "bytes that are not an EchoRequest";

    public static byte[] For(string name)
    {
        var valid = GrpcFrame.Encode(new EchoRequest { Text = "a message long enough to cut in half" });
        return name switch
        {
            HeaderCutShort => [0, 0, 0],
            MessageCutShort => valid[..^10],
            LengthBeyondBody => WithLength(valid, 64 * 1024),
            UnknownCompressionFlag => WithFlag(valid, 2),
            CompressedWithoutEncoding => WithFlag(valid, 1),
            // Field 1 (text) announces 50 bytes and carries 2: no protobuf parser can accept it.
            InvalidProtobuf => GrpcFrame.Encode([0x0A, 50, (byte)'h', (byte)'i']),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such malformed body."),
        };
    }

    private static byte[] WithFlag(byte[] frame, byte flag)
    {
        var copy = (byte[])frame.Clone();
        copy[0] = flag;
        return copy;
    }

    private static byte[] WithLength(byte[] frame, uint length)
    {
        var copy = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(1, 4), length);
        return copy;
    }

    /// <summary>A well-formed frame, for the messages that precede a broken one in a stream.</summary>
    public static byte[] Valid(string text) => GrpcFrame.Encode(new EchoRequest { Text = text }.ToByteArray());
}
