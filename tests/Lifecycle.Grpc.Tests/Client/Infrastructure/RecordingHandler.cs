using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Lifecycle.Grpc.Tests.Client.Infrastructure;

/// <summary>Records the request and response headers each call put on the wire.</summary>
public sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public RecordingHandler()
        : this(new SocketsHttpHandler { UseProxy = false })
    {
    }

    public ConcurrentQueue<HttpRequestHeaders> Requests { get; } = new();

    public ConcurrentQueue<HttpResponseHeaders> Responses { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request.Headers);
        var response = await base.SendAsync(request, cancellationToken);
        Responses.Enqueue(response.Headers);
        return response;
    }

    public static string? Value(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;
}
