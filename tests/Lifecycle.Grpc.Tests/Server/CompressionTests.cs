using System.IO.Compression;
using Google.Protobuf;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.Tests.Server;

public sealed class CompressionTests
{
    [Fact]
    public async Task Gzip_compressed_request_is_decompressed()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();
        var body = GrpcFrame.Encode(Gzip(new EchoRequest { Text = "squeezed" }.ToByteArray()), compressed: true);

        var response = await new RawGrpcClient(http).SendAsync(EchoPaths.Echo, body, request => request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip"));

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("squeezed", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
    }

    [Fact]
    public async Task Response_is_gzip_compressed_when_configured_and_accepted()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.ConfigureGrpc = grpc => grpc.ResponseCompressionAlgorithm = "gzip");
        using var http = server.CreateHttpClient();
        var request = new EchoRequest { Text = "big", Payload = ByteString.CopyFrom(new byte[10_000]) };

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, request, r => r.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity,gzip"));

        Assert.Equal("gzip", response.Header("grpc-encoding"));
        var frame = Assert.Single(response.Frames);
        Assert.True(frame.Compressed);
        Assert.True(frame.Payload.Length < 10_000);
        Assert.Equal(request.Payload, EchoResponse.Parser.ParseFrom(Gunzip(frame.Payload)).Payload);
    }

    [Fact]
    public async Task Response_stays_uncompressed_when_the_client_does_not_accept_the_algorithm()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.ConfigureGrpc = grpc => grpc.ResponseCompressionAlgorithm = "gzip");
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "plain" });

        Assert.Null(response.Header("grpc-encoding"));
        Assert.False(Assert.Single(response.Frames).Compressed);
    }

    [Fact]
    public async Task Unsupported_request_encoding_is_UNIMPLEMENTED_and_lists_the_supported_ones()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();

        var response = await new RawGrpcClient(http).UnaryAsync(EchoPaths.Echo, new EchoRequest(), request => request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy"));

        Assert.Equal(12, response.GrpcStatus);
        Assert.Contains("gzip", response.Header("grpc-accept-encoding"));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
