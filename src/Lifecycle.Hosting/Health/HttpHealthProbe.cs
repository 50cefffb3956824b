namespace Lifecycle.Hosting.Health;

/// <summary>
/// GET of a health path answered with 2xx. Services listen h2c (HTTP/2 without TLS), so the request
/// uses HTTP/2 with prior knowledge unless told to use HTTP/1.1.
/// </summary>
public sealed class HttpHealthProbe(Uri address, bool http2 = true) : IHealthProbe
{
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = ProbeHttpClient.Create();
        using var request = new HttpRequestMessage(HttpMethod.Get, address)
        {
            Version = http2 ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
