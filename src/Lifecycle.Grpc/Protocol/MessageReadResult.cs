namespace Lifecycle.Grpc.Protocol;

/// <summary>One attempt to read a message: either a message, or the clean end of the stream.</summary>
internal readonly record struct MessageReadResult<T>(bool HasMessage, T Message)
{
    public static MessageReadResult<T> EndOfStream => new(false, default!);

    /// <summary>
    /// True when the message was the last bytes of a stream that had already ended: the reader knows there is nothing
    /// more without reading again (a unary request usually arrives whole, with END_STREAM, before its handler runs).
    /// </summary>
    public bool EndsStream { get; init; }
}
