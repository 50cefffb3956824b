using System.Net;
using Grpc.Core;

namespace Lifecycle.Grpc.Client.Calls;

/// <summary>The status of a call whose HTTP response is not a gRPC response (spec: HTTP to gRPC status mapping).</summary>
internal static class HttpResponseStatus
{
    public static Status FromHttpStatus(HttpStatusCode httpStatus)
    {
        var code = httpStatus switch
        {
            HttpStatusCode.BadRequest => StatusCode.Internal,
            HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
            HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
            HttpStatusCode.NotFound => StatusCode.Unimplemented,
            HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
        return new Status(code, $"Bad gRPC response. HTTP status code: {(int)httpStatus}");
    }

    public static Status BadContentType(string? contentType) =>
        new(StatusCode.Internal, contentType is null
            ? "Bad gRPC response. Response did not have a content-type header."
            : $"Bad gRPC response. Invalid content-type value: {contentType}");
}
