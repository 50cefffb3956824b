using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Lifecycle.Grpc.Testing.Wire;

/// <summary>A completed gRPC response seen at the HTTP/2 level: status line, headers, frames and trailers.</summary>
public sealed class RawGrpcResponse(HttpResponseMessage response, IReadOnlyList<GrpcFrame> frames)
{
    public HttpStatusCode HttpStatus => response.StatusCode;

    public HttpResponseHeaders Headers => response.Headers;

    public HttpResponseHeaders Trailers => response.TrailingHeaders;

    public string? ContentType => response.Content.Headers.ContentType?.ToString();

    public IReadOnlyList<GrpcFrame> Frames { get; } = frames;

    /// <summary>The status came in the response headers with no body and no trailers (the spec's Trailers-Only form).</summary>
    public bool IsTrailersOnly => Frames.Count == 0 && Header("grpc-status") is not null && !Trailers.Any();

    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only response.</summary>
    public int? GrpcStatus => (Trailer("grpc-status") ?? Header("grpc-status")) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>grpc-message, percent-decoded.</summary>
    public string? GrpcMessage => (Trailer("grpc-message") ?? Header("grpc-message")) is { } value ? Uri.UnescapeDataString(value) : null;

    public string? Header(string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    public string? Trailer(string name) => response.TrailingHeaders.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public List<T> Messages<T>(MessageParser<T> parser)
        where T : IMessage<T> => Frames.Select(frame => frame.Parse(parser)).ToList();
}
