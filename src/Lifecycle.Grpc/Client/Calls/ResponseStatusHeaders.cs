using System.Globalization;
using System.Net.Http.Headers;
using Grpc.Core;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Client.Calls;

/// <summary>Reads grpc-status and grpc-message from response trailers (or headers, for trailers-only responses).</summary>
internal static class ResponseStatusHeaders
{
    public static Status? TryRead(HttpHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues(GrpcHeaders.Status, out var statusValues))
        {
            return null;
        }

        var rawStatus = First(statusValues);
        if (!int.TryParse(rawStatus, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unexpected grpc-status value: {rawStatus}");
        }

        var detail = headers.NonValidated.TryGetValues(GrpcHeaders.Message, out var messageValues)
            ? GrpcMessageEncoding.Decode(First(messageValues) ?? "")
            : "";
        return new Status((StatusCode)code, detail);
    }

    /// <summary>The final status and trailers once the response body has ended.</summary>
    public static (Status Status, Metadata Trailers) FromTrailers(HttpResponseMessage response)
    {
        var trailers = response.TrailingHeaders;
        var status = TryRead(trailers) ?? new Status(StatusCode.Unknown, "No grpc-status found on response.");
        return (status, MetadataHeaders.FromHeaders(trailers));
    }

    private static string? First(HeaderStringValues values)
    {
        foreach (var value in values)
        {
            return value;
        }

        return null;
    }
}
