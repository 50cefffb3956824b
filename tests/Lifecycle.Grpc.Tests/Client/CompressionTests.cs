using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class CompressionTests : IAsyncLifetime
{
    // Compressible and large enough that gzip clearly applies.
    private static readonly ByteString Payload = ByteString.CopyFrom(Enumerable.Repeat((byte)'a', 64 * 1024).ToArray());

    private GrpcTestServer? gzipServer;

    private GrpcTestServer GzipServer => gzipServer!;

    public async Task InitializeAsync() =>
        gzipServer = await EchoServerFixture.StartServerAsync(options => options.ConfigureGrpc += grpc => grpc.ResponseCompressionAlgorithm = "gzip");

    public async Task DisposeAsync() => await GzipServer.DisposeAsync();

    [Fact]
    public async Task Gzip_compressed_responses_are_decompressed()
    {
        var recorder = new RecordingHandler();
        var client = new EchoService.EchoServiceClient(GrpcChannel.ForAddress(GzipServer.Address, new GrpcChannelOptions { HttpHandler = recorder }));

        var response = await client.EchoAsync(new EchoRequest { Text = "zipped", Payload = Payload });

        Assert.Equal("gzip", RecordingHandler.Value(Assert.Single(recorder.Responses), "grpc-encoding"));
        Assert.Equal("zipped", response.Text);
        Assert.Equal(Payload, response.Payload);
    }

    [Fact]
    public async Task Gzip_compressed_streaming_responses_are_decompressed()
    {
        var client = new EchoService.EchoServiceClient(GrpcChannel.ForAddress(GzipServer.Address));
        using var call = client.Expand(new ExpandRequest { Text = "z", Count = 3 });

        var texts = await call.ResponseStream.ReadAllAsync().Select(r => r.Text).ToListAsync();

        Assert.Equal(["z-1", "z-2", "z-3"], texts);
    }

    [Fact]
    public async Task Requests_are_gzip_compressed_when_grpc_internal_encoding_request_is_set()
    {
        var recorder = new RecordingHandler();
        var client = new EchoService.EchoServiceClient(GrpcChannel.ForAddress(GzipServer.Address, new GrpcChannelOptions { HttpHandler = recorder }));

        var response = await client.EchoAsync(new EchoRequest { Text = "up", Payload = Payload }, new Metadata { { "grpc-internal-encoding-request", "gzip" } });

        var sent = Assert.Single(recorder.Requests);
        Assert.Equal("gzip", RecordingHandler.Value(sent, "grpc-encoding"));
        Assert.Null(RecordingHandler.Value(sent, "grpc-internal-encoding-request"));
        Assert.Equal(Payload, response.Payload);
    }

    [Fact]
    public async Task Compressed_request_stream_messages_arrive_intact()
    {
        var client = new EchoService.EchoServiceClient(GrpcChannel.ForAddress(GzipServer.Address));
        using var call = client.Collect(new Metadata { { "grpc-internal-encoding-request", "gzip" } });

        await call.RequestStream.WriteAsync(new EchoRequest { Text = "x", Payload = Payload });
        call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "y" });
        await call.RequestStream.CompleteAsync();

        var response = await call;
        Assert.Equal("xy", response.Text);
        Assert.Equal(Payload, response.Payload);
    }

    [Fact]
    public async Task Compressed_response_larger_than_the_limit_after_decompression_fails_with_resource_exhausted()
    {
        var client = new EchoService.EchoServiceClient(GrpcChannel.ForAddress(GzipServer.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 }));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest { Payload = Payload }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }
}
