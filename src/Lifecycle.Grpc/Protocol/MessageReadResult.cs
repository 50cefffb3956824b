namespace Lifecycle.Grpc.Protocol;

/// <summary>One attempt to read a message: either a message, or the clean end of the stream.</summary>
internal readonly record struct MessageReadResult<T>(bool HasMessage, T Message)
{
    public static MessageReadResult<T> EndOfStream => new(false, default!);
}
