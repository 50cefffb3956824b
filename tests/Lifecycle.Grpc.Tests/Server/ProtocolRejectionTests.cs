using System.Net;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class ProtocolRejectionTests
{
    [Fact]
    public async Task Unknown_method_of_a_known_service_is_UNIMPLEMENTED_trailers_only()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync("/lifecycle.testing.v1.EchoService/Shout", new EchoRequest());

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal(12, response.GrpcStatus);
    }

    [Fact]
    public async Task Unknown_service_is_UNIMPLEMENTED()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync("/nobody.v1.Nothing/Call", new EchoRequest());

        Assert.Equal(12, response.GrpcStatus);
        Assert.Contains("nobody.v1.Nothing", response.GrpcMessage);
    }

    [Fact]
    public async Task Unknown_service_falls_through_to_404_when_unknown_services_are_ignored()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.ConfigureGrpc = grpc => grpc.IgnoreUnknownServices = true);
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync("/nobody.v1.Nothing/Call", new EchoRequest());

        Assert.Equal(HttpStatusCode.NotFound, response.HttpStatus);
        Assert.Null(response.GrpcStatus);
    }

    [Fact]
    public async Task Non_grpc_content_type_is_refused_with_415()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest(), request =>
        {
            request.Content!.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        Assert.Equal(13, response.GrpcStatus);
    }

    [Fact]
    public async Task Http1_request_is_refused_with_426_and_an_explanation()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.Protocols = HttpProtocols.Http1);
        using var http = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, EchoPaths.Echo) { Content = new ByteArrayContent(GrpcFrame.Encode(new EchoRequest())) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("13", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Contains("HTTP/1.1", Uri.UnescapeDataString(Assert.Single(response.Headers.GetValues("grpc-message"))));
    }

    [Fact]
    public async Task Call_without_te_trailers_is_still_served()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "no te" }, request => request.Headers.Remove("te"));

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("no te", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
    }
}
