using System.Net;
using Lifecycle.ServiceDefaults.Tests.Infrastructure;

namespace Lifecycle.ServiceDefaults.Tests.Health;

public sealed class KestrelProtocolTests
{
    [Fact]
    public async Task A_plain_text_endpoint_speaks_h2c_by_default()
    {
        await using var service = await TestService.StartAsync();
        using var http2 = service.CreateHttp2Client();
        using var http11 = service.CreateHttp11Client();

        var response = await http2.GetAsync("/alive");

        Assert.Equal(HttpVersion.Version20, response.Version);
        // An Http2-only endpoint answers HTTP/1.1 with 400: proof the default really is h2c and not Http1AndHttp2.
        var refused = await http11.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Configured_endpoint_protocols_win_over_the_default()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["Kestrel:EndpointDefaults:Protocols"] = "Http1",
        });
        using var http11 = service.CreateHttp11Client();

        var response = await http11.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }
}
