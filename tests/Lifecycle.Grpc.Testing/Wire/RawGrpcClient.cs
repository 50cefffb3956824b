using System.Net;
using Google.Protobuf;

namespace Lifecycle.Grpc.Testing.Wire;

/// <summary>
/// Makes gRPC calls with a plain HttpClient over HTTP/2, framing by hand, so server tests depend on the
/// protocol only and not on our gRPC client.
/// </summary>
public sealed class RawGrpcClient(HttpClient httpClient)
{
    /// <summary>Sends <paramref name="request"/> as the only message and reads the whole response.</summary>
    public Task<RawGrpcResponse> UnaryAsync(string path, IMessage request, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default) =>
        SendAsync(path, GrpcFrame.Encode(request), configure, cancellationToken);

    /// <summary>Sends <paramref name="body"/> verbatim (frames, garbage, nothing) and reads the whole response.</summary>
    public async Task<RawGrpcResponse> SendAsync(string path, byte[] body, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(path, new ByteArrayContent(body));
        request.Content!.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        configure?.Invoke(request);
        var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new RawGrpcResponse(response, GrpcFrame.ParseAll(bytes));
    }

    /// <summary>Opens a call whose request body stays open for <see cref="RawGrpcStreamingCall.WriteAsync"/>.</summary>
    public RawGrpcStreamingCall StartStreaming(string path, Action<HttpRequestMessage>? configure = null)
    {
        var content = new StreamingRequestContent();
        var request = CreateRequest(path, content);
        configure?.Invoke(request);
        var cancellation = new CancellationTokenSource();
        var responseTask = httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation.Token);
        return new RawGrpcStreamingCall(content, cancellation, responseTask);
    }

    private static HttpRequestMessage CreateRequest(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }
}
