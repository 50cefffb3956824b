using System.Net;

namespace Lifecycle.Grpc.Bench;

/// <summary>
/// Plain HttpClient posting the pre-framed echo request: no gRPC client code at all. Pointed at our server and at
/// bare Kestrel, the difference in cost between the two is our server's alone.
/// </summary>
internal sealed class RawEchoClient(Uri baseAddress) : IDisposable
{
    private readonly HttpMessageInvoker invoker = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
    private readonly Uri echoUri = new(baseAddress, "/lifecycle.testing.v1.EchoService/Echo");

    /// <summary>One unary echo; returns the framed response length after checking it is the expected one.</summary>
    public async Task<int> EchoAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, echoUri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(EchoPayloads.FramedEchoRequest),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await invoker.SendAsync(request, CancellationToken.None);
        var body = await response.Content.ReadAsByteArrayAsync();
        return body.Length == EchoPayloads.FramedEchoResponse.Length
            ? body.Length
            : throw new InvalidOperationException($"Wrong echo: HTTP {(int)response.StatusCode}, {body.Length} bytes.");
    }

    public void Dispose() => invoker.Dispose();
}
