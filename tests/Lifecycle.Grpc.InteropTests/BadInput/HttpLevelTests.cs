using System.Text;
using Lifecycle.Grpc.InteropTests.Hosting;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.InteropTests.BadInput;

/// <summary>Requests that are wrong at the HTTP level: a missing te header, HTTP/1.1, a stream reset mid-message.</summary>
public sealed class HttpLevelTests(InteropServerFixture fixture) : IClassFixture<InteropServerFixture>, IDisposable
{
    private readonly HttpClient httpClient = fixture.Server.CreateHttpClient();

    [Fact]
    public async Task Request_without_te_trailers_is_still_answered_normally()
    {
        var response = await new RawGrpcClient(httpClient).UnaryAsync(
            EchoPaths.Echo, new EchoRequest { Text = "no te" }, request => request.Headers.Remove("te"));

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("no te", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
        await ServerHealth.AssertStillEchoesAsync(httpClient);
    }

    [Fact]
    public async Task Http1_request_to_the_http2_only_endpoint_gets_400_and_the_server_keeps_serving()
    {
        var answer = await RawHttp1Exchange.SendAsync(fixture.Server.Address, EchoPaths.Echo, MalformedBodies.Valid("over http/1.1"));

        // Kestrel answers before gRPC ever sees the request: "An HTTP/1.x request was sent to an HTTP/2 only endpoint."
        var text = Encoding.ASCII.GetString(answer);
        Assert.StartsWith("HTTP/1.1 400 ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("grpc-status", text, StringComparison.OrdinalIgnoreCase);
        await ServerHealth.AssertStillEchoesAsync(httpClient);
    }

    [Fact]
    public async Task Stream_reset_in_the_middle_of_a_message_leaves_other_calls_on_the_connection_working()
    {
        var client = new RawGrpcClient(httpClient);
        await using var bystander = client.StartStreaming(EchoPaths.Chat);
        await bystander.WriteAsync(new EchoRequest { Text = "before" });
        Assert.Equal("before", (await bystander.ReadAsync(EchoResponse.Parser))?.Text);

        await using (var victim = client.StartStreaming(EchoPaths.Chat))
        {
            // A full round trip first, so the reset hits a handler that is already reading the stream.
            await victim.WriteAsync(new EchoRequest { Text = "whole" });
            Assert.Equal("whole", (await victim.ReadAsync(EchoResponse.Parser))?.Text);
            await victim.WriteRawAsync(MalformedBodies.Valid("this message never arrives whole")[..20]);

            // Disposing the response is what makes HttpClient send RST_STREAM(CANCEL) once headers have arrived;
            // cancelling SendAsync's token no longer reaches the stream at that point.
            (await victim.ResponseAsync).Dispose();
        }

        await bystander.WriteAsync(new EchoRequest { Text = "after" });
        Assert.Equal("after", (await bystander.ReadAsync(EchoResponse.Parser))?.Text);
        bystander.CompleteRequest();
        Assert.Equal(0, (await bystander.FinishAsync()).GrpcStatus);
        await ServerHealth.AssertStillEchoesAsync(httpClient);
    }

    public void Dispose() => httpClient.Dispose();
}
