using Grpc.Core;
using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class MetadataTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    private static readonly byte[] BinaryValue = [0, 1, 2, 250, 255];

    [Fact]
    public async Task Request_metadata_including_binary_values_reaches_the_server_and_returns_as_response_headers()
    {
        var client = server.CreateClient();
        var headers = new Metadata { { "x-echo-text", "plain value" }, { "x-echo-data-bin", BinaryValue } };

        using var call = client.EchoAsync(new EchoRequest { Text = "m" }, headers);
        var responseHeaders = await call.ResponseHeadersAsync;
        await call;

        Assert.Equal("plain value", responseHeaders.GetValue("x-echo-text"));
        Assert.Equal(BinaryValue, responseHeaders.GetValueBytes("x-echo-data-bin"));
    }

    [Fact]
    public async Task Response_trailers_including_binary_values_are_available_after_the_call()
    {
        var client = server.CreateClient();
        var headers = new Metadata { { "x-echo-text", "trailer value" }, { "x-echo-data-bin", BinaryValue } };

        using var call = client.Expand(new ExpandRequest { Text = "t", Count = 1 }, headers);
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }

        var trailers = call.GetTrailers();
        Assert.Equal("trailer value", trailers.GetValue("x-echo-text"));
        Assert.Equal(BinaryValue, trailers.GetValueBytes("x-echo-data-bin"));
    }

    [Fact]
    public async Task Protocol_headers_are_sent_with_every_call()
    {
        var recorder = new RecordingHandler();
        var client = server.CreateClient(new GrpcChannelOptions { HttpHandler = recorder });

        await client.EchoAsync(new EchoRequest());

        var sent = Assert.Single(recorder.Requests);
        Assert.Equal("trailers", RecordingHandler.Value(sent, "te"));
        Assert.StartsWith("grpc-dotnet-lifecycle/", RecordingHandler.Value(sent, "user-agent"));
        Assert.Contains("gzip", RecordingHandler.Value(sent, "grpc-accept-encoding"));
    }

    [Fact]
    public void Status_and_trailers_are_unavailable_before_the_call_ends()
    {
        var client = server.CreateClient();
        using var call = client.Expand(new ExpandRequest { Text = "s", Count = 2, DelayMs = 60_000 });

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        Assert.Throws<InvalidOperationException>(() => call.GetTrailers());
    }
}
