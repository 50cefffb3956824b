using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Grpc.Client.Diagnostics;

/// <summary>Structured log messages of the client.</summary>
internal static partial class ClientLog
{
    public static void CallFailed(ILogger logger, string method, Status status)
    {
        // Checked here so the status name is only formatted when someone reads it.
        if (logger.IsEnabled(LogLevel.Debug))
        {
            CallFailed(logger, method, status.StatusCode.ToString(), status.Detail, status.DebugException);
        }
    }

    [LoggerMessage(2, LogLevel.Debug, "Call credentials for {Method} were not sent: the channel is not secure (set UnsafeUseInsecureChannelCallCredentials to allow it)")]
    public static partial void CallCredentialsSkipped(ILogger logger, string method);

    // The generator names parameter types without global::, and "Grpc.Core" would bind to Lifecycle.Grpc.Core here.
    [LoggerMessage(1, LogLevel.Debug, "gRPC call {Method} finished with status {StatusCode}: {Detail}")]
    private static partial void CallFailed(ILogger logger, string method, string statusCode, string detail, Exception? exception);
}
