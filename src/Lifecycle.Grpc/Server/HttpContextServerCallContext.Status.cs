using Grpc.Core;
using Lifecycle.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace Lifecycle.Grpc.Server;

internal sealed partial class HttpContextServerCallContext
{
    private static readonly string[] StatusCodeTexts = [.. Enumerable.Range(0, 17).Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Whether a handler may still write: false once the call's status went out.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Ends a handler that returned normally: its Status (OK unless it set another), or DEADLINE_EXCEEDED if time ran out.</summary>
    public void Complete() => WriteStatus(DeadlineExceeded ? DeadlineExceededStatus : status);

    /// <summary>Ends a handler that threw, mapping the exception to the status the client sees.</summary>
    public void Fail(Exception exception)
    {
        status = ServerErrors.ToStatus(exception, this);
        if (exception is RpcException { Trailers.Count: > 0 } rpcException)
        {
            foreach (var entry in rpcException.Trailers)
            {
                ResponseTrailersCore.Add(entry);
            }
        }

        WriteStatus(status);
    }

    internal static Status DeadlineExceededStatus => new(StatusCode.DeadlineExceeded, "Deadline Exceeded");

    private void WriteStatus(Status finalStatus)
    {
        status = finalStatus;
        IsCompleted = true;
        var response = httpContext.Response;
        if (!messageWritten && !response.HasStarted)
        {
            // Trailers-Only: nothing was sent, so the status rides in the only HEADERS frame, which carries END_STREAM.
            WriteStatusTo(response.Headers, finalStatus);
            return;
        }

        response.AppendTrailer(GrpcHeaders.Status, StatusCodeTexts[(int)finalStatus.StatusCode]);
        if (finalStatus.Detail.Length > 0)
        {
            response.AppendTrailer(GrpcHeaders.Message, GrpcMessageEncoding.Encode(finalStatus.Detail));
        }

        if (responseTrailers is not null)
        {
            foreach (var (key, value) in MetadataHeaders.ToHeaders(responseTrailers))
            {
                response.AppendTrailer(key, value);
            }
        }
    }

    private void WriteStatusTo(IHeaderDictionary headers, Status finalStatus)
    {
        headers[GrpcHeaders.Status] = StatusCodeTexts[(int)finalStatus.StatusCode];
        if (finalStatus.Detail.Length > 0)
        {
            headers[GrpcHeaders.Message] = GrpcMessageEncoding.Encode(finalStatus.Detail);
        }

        if (responseTrailers is not null)
        {
            foreach (var (key, value) in MetadataHeaders.ToHeaders(responseTrailers))
            {
                headers.Append(key, value);
            }
        }
    }
}
