using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Lifecycle.Hosting.Health;

/// <summary>
/// grpc.health.v1.Health/Check over h2c, hand-framed so hosting does not depend on a gRPC runtime:
/// healthy when the reply's field 1 (status) is SERVING and grpc-status is 0.
/// </summary>
public sealed class GrpcHealthProbe(Uri address, string service = "") : IHealthProbe
{
    private const int Serving = 1;

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = ProbeHttpClient.Create();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/grpc.health.v1.Health/Check"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(Frame(RequestMessage())),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.IsSuccessStatusCode && GrpcStatus(response) == "0" && ReadStatus(body) == Serving;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>HealthCheckRequest { string service = 1; } — empty when asking about the whole server.</summary>
    private byte[] RequestMessage()
    {
        if (service.Length == 0)
        {
            return [];
        }
        var name = Encoding.UTF8.GetBytes(service);
        // Field 1, wire type 2; health service names are far below 128 bytes, so the length is one varint byte.
        return [0x0A, checked((byte)name.Length), .. name];
    }

    /// <summary>gRPC length-prefixed message: compressed flag, then a big-endian 4-byte length.</summary>
    private static byte[] Frame(byte[] message) =>
        [0, (byte)(message.Length >> 24), (byte)(message.Length >> 16), (byte)(message.Length >> 8), (byte)message.Length, .. message];

    private static string? GrpcStatus(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.FirstOrDefault()
        : response.Headers.TryGetValues("grpc-status", out var header) ? header.FirstOrDefault()
        : null;

    /// <summary>HealthCheckResponse { ServingStatus status = 1; } read from the first framed message.</summary>
    private static int ReadStatus(byte[] body)
    {
        if (body.Length < 5)
        {
            return -1;
        }
        var message = body.AsSpan(5);
        var status = 0;
        for (var i = 0; i < message.Length;)
        {
            var tag = message[i++];
            if (tag != 0x08)
            {
                return -1;
            }
            status = 0;
            for (var shift = 0; i < message.Length; shift += 7)
            {
                var b = message[i++];
                status |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }
        }
        return status;
    }
}
