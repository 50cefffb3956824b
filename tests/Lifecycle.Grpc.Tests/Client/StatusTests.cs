using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;
using StatusCode = Grpc.Core.StatusCode;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class StatusTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Handler_failure_surfaces_as_RpcException_with_status_and_trailers()
    {
        var client = server.CreateClient();
        using var call = client.EchoAsync(new EchoRequest { Text = "boom", FailWithCode = (int)StatusCode.FailedPrecondition }, new Metadata { { "x-echo-request", "r1" } });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("Failed as asked: boom", error.Status.Detail);
        Assert.Equal("r1", error.Trailers.GetValue("x-echo-request"));
        Assert.Equal(error.Status, call.GetStatus());
    }

    [Fact]
    public async Task Rich_error_details_arrive_as_binary_trailer_and_parse_as_google_rpc_status()
    {
        var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest(), new Metadata { { TestServerInterceptor.RichErrorHeader, "email" } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var details = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes("grpc-status-details-bin"));
        var badRequest = details.Details.Single().Unpack<BadRequest>();
        Assert.Equal("email", badRequest.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Trailers_only_response_gives_the_status_and_metadata_from_its_headers()
    {
        using var call = server.CreateChannel().CreateCallInvoker().AsyncUnaryCall(RawMethods.Unary("TrailersOnly"), null, default, new EchoRequest());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("nothing here", error.Status.Detail);
        Assert.Equal("from-headers", error.Trailers.GetValue("x-detail"));
        Assert.Equal("from-headers", (await call.ResponseHeadersAsync).GetValue("x-detail"));
    }

    [Fact]
    public async Task Trailers_only_error_from_our_server_on_a_stream_is_thrown_by_MoveNext()
    {
        var recorder = new RecordingHandler();
        var client = server.CreateClient(new GrpcChannelOptions { HttpHandler = recorder });
        using var call = client.Expand(new ExpandRequest { Count = 1 }, new Metadata { { TestServerInterceptor.RichErrorHeader, "count" } });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("3", RecordingHandler.Value(Assert.Single(recorder.Responses), "grpc-status"));
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    public async Task Non_200_HTTP_status_maps_to_the_grpc_status_of_the_spec(int httpStatus, StatusCode expected)
    {
        using var call = server.CreateChannel().CreateCallInvoker().AsyncUnaryCall(RawMethods.Unary($"Status/{httpStatus}"), null, default, new EchoRequest());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail);
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync);
    }

    [Fact]
    public async Task Response_without_grpc_content_type_fails_with_internal()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => server.CreateChannel().CreateCallInvoker().AsyncUnaryCall(RawMethods.Unary("WrongContentType"), null, default, new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("content-type", error.Status.Detail);
    }

    [Fact]
    public async Task Response_without_grpc_status_fails_with_unknown()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => server.CreateChannel().CreateCallInvoker().AsyncUnaryCall(RawMethods.Unary("NoGrpcStatus"), null, default, new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("grpc-status", error.Status.Detail);
    }

    [Fact]
    public async Task Unreachable_server_fails_with_unavailable()
    {
        var client = new EchoService.EchoServiceClient(GrpcChannel.ForAddress($"http://127.0.0.1:{ClosedPort()}"));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.NotNull(error.Status.DebugException);
    }

    [Fact]
    public async Task Unknown_method_on_our_server_fails_with_unimplemented()
    {
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "lifecycle.testing.v1.EchoService", "Missing", RawMethods.Unary("x").RequestMarshaller, RawMethods.Unary("x").ResponseMarshaller);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.CreateChannel().CreateCallInvoker().AsyncUnaryCall(method, null, default, new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
