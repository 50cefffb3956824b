using System.Diagnostics;
using System.Net;
using Google.Protobuf;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class ZzPerfScratch(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Scratch()
    {
        var client = server.CreateClient();
        var request = new EchoRequest { Text = "p" };
        var payload = request.ToByteArray();
        var frame = new byte[5 + payload.Length];
        frame[4] = (byte)payload.Length;
        payload.CopyTo(frame, 5);
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        var uri = new Uri(server.Address, "/lifecycle.testing.v1.EchoService/Echo");
        async Task Raw()
        {
            using var msg = new HttpRequestMessage(HttpMethod.Post, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent(frame) };
            msg.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
            msg.Headers.TryAddWithoutValidation("te", "trailers");
            using var resp = await invoker.SendAsync(msg, default);
            await resp.Content.ReadAsByteArrayAsync();
        }

        var text = "";
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 2000; i++) { await client.EchoAsync(request); await Raw(); }
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 5000; i++) await client.EchoAsync(request);
            var ours = sw.Elapsed;
            sw.Restart();
            for (var i = 0; i < 5000; i++) await Raw();
            var raw = sw.Elapsed;
            text += $"ours {ours.TotalMicroseconds / 5000:F1} us/call, raw {raw.TotalMicroseconds / 5000:F1} us/call\n";
        }

        File.WriteAllText("/tmp/perf.txt", text);
    }
}
