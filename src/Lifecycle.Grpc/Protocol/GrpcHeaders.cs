using Microsoft.Net.Http.Headers;

namespace Lifecycle.Grpc.Protocol;

/// <summary>Header names and values of the gRPC-over-HTTP/2 protocol.</summary>
internal static class GrpcHeaders
{
    public const string ContentType = "application/grpc";

    // Kestrel knows these headers: looked up with the very HeaderNames instances, a lookup hits its reference check
    // at once instead of comparing, case-insensitively, against every known header name of the same length.
    public static readonly string Status = HeaderNames.GrpcStatus;
    public static readonly string Message = HeaderNames.GrpcMessage;
    public static readonly string Timeout = HeaderNames.GrpcTimeout;
    public static readonly string Encoding = HeaderNames.GrpcEncoding;
    public static readonly string AcceptEncoding = HeaderNames.GrpcAcceptEncoding;

    public const string StatusDetailsBin = "grpc-status-details-bin";
    public const string TE = "te";
    public const string Trailers = "trailers";
    public const string IdentityEncoding = "identity";

    /// <summary>True for application/grpc and its +proto/+json/;params forms; false for application/grpc-web and the rest.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType.Length == ContentType.Length)
        {
            return true;
        }

        var next = contentType[ContentType.Length];
        return next is '+' or ';';
    }
}
