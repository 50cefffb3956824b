using Lifecycle.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace Lifecycle.Grpc.Server;

/// <summary>Turns away requests that are not gRPC over HTTP/2 before any handler runs.</summary>
internal static class GrpcRequestGuard
{
    /// <summary>
    /// True when the call may proceed; otherwise the rejection (426 for HTTP/1.x, 415 for a non-gRPC content-type) is already set.
    /// A missing "te: trailers" header is accepted: the spec asks clients to send it, but some proxies strip it,
    /// and refusing such calls would only hurt interoperability.
    /// </summary>
    public static bool TryAccept(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            Reject(httpContext.Response, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported.");
            httpContext.Response.Headers.Upgrade = "h2";
            return false;
        }

        if (!GrpcHeaders.IsGrpcContentType(request.ContentType))
        {
            Reject(httpContext.Response, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }

        return true;
    }

    private static void Reject(HttpResponse response, int httpStatus, string reason)
    {
        response.StatusCode = httpStatus;
        response.Headers[GrpcHeaders.Status] = "13";
        response.Headers[GrpcHeaders.Message] = GrpcMessageEncoding.Encode(reason);
    }
}
