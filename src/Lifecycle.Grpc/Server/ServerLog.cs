using Microsoft.Extensions.Logging;

namespace Lifecycle.Grpc.Server;

/// <summary>The server's log messages, compiled once (no formatting cost when the level is off).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Error, "Error when executing service method '{Method}'.")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Service method '{Method}' ended with status {StatusCode}: {Detail}")]
    public static partial void HandlerReturnedStatus(ILogger logger, string method, global::Grpc.Core.StatusCode statusCode, string detail);

    [LoggerMessage(3, LogLevel.Information, "Call to '{Method}' rejected: {Reason}")]
    public static partial void CallRejected(ILogger logger, string method, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Deadline of '{Method}' exceeded.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);
}
