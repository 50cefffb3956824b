using System.Buffers.Binary;
using Google.Protobuf;

namespace Lifecycle.Grpc.Testing.Wire;

/// <summary>One length-prefixed gRPC message as it travels on the wire, framed and parsed by hand for protocol tests.</summary>
public sealed record GrpcFrame(bool Compressed, byte[] Payload)
{
    public const int HeaderSize = 5;

    /// <summary>The 5-byte header followed by <paramref name="payload"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> payload, bool compressed = false)
    {
        var frame = new byte[HeaderSize + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    public static byte[] Encode(IMessage message) => Encode(message.ToByteArray());

    /// <summary>Splits a whole body into frames; throws if it ends inside one.</summary>
    public static List<GrpcFrame> ParseAll(ReadOnlySpan<byte> body)
    {
        var frames = new List<GrpcFrame>();
        while (!body.IsEmpty)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body[1..HeaderSize]);
            frames.Add(new GrpcFrame(body[0] == 1, body.Slice(HeaderSize, length).ToArray()));
            body = body[(HeaderSize + length)..];
        }

        return frames;
    }

    /// <summary>Reads the next frame from a response stream, or null when the stream ends between frames.</summary>
    public static async Task<GrpcFrame?> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var header = new byte[HeaderSize];
        var read = await stream.ReadAtLeastAsync(header, HeaderSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < HeaderSize)
        {
            throw new EndOfStreamException("The stream ended inside a frame header.");
        }

        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
        return new GrpcFrame(header[0] == 1, payload);
    }

    public T Parse<T>(MessageParser<T> parser)
        where T : IMessage<T> => parser.ParseFrom(Payload);
}
