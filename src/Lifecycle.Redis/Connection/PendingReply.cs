using System.Diagnostics;
using Lifecycle.Redis.Diagnostics;
using Lifecycle.Redis.Protocol;

namespace Lifecycle.Redis.Connection;

/// <summary>Turns a reply into what the caller asked for (e.g. a bool for SET NX).</summary>
internal delegate T ReplyConverter<out T>(in RedisResult reply);

/// <summary>A command awaiting its reply, in the order it was written to the socket.</summary>
internal interface IPendingReply
{
    /// <summary><see cref="Stopwatch"/> timestamp of when the command was queued for writing.</summary>
    long QueuedAt { get; }

    bool IsCompleted { get; }

    /// <summary>Hands the reply to the caller; a late reply for a timed-out caller is silently dropped.</summary>
    void Complete(in RedisResult reply);

    void Fail(Exception error, string errorType);
}

/// <summary>The caller's awaited task and its reply slot in one object, so a command costs one allocation plus its Task.</summary>
internal sealed class PendingReply<T>(RedisCommand command, ReplyConverter<T> convert, RedisMetrics metrics)
    : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IPendingReply
{
    public long QueuedAt { get; } = Stopwatch.GetTimestamp();

    public bool IsCompleted => Task.IsCompleted;

    public void Complete(in RedisResult reply)
    {
        if (Task.IsCompleted)
        {
            return;
        }

        if (reply.IsError)
        {
            Fail(new RedisServerException(reply.ErrorMessage!), "server");
            return;
        }

        T value;
        try
        {
            value = convert(reply);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            Fail(new RedisProtocolException($"Unexpected {reply.Type} reply to {command.Name}: {ex.Message}"), "protocol");
            return;
        }

        if (TrySetResult(value))
        {
            metrics.Completed(command.Name, QueuedAt, null);
        }
    }

    public void Fail(Exception error, string errorType)
    {
        if (TrySetException(error))
        {
            metrics.Completed(command.Name, QueuedAt, errorType);
        }
    }
}
