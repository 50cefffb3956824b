using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Wire;

namespace Lifecycle.Grpc.InteropTests.BadInput;

/// <summary>The check that follows every piece of bad input: a well-formed call on the same server still works.</summary>
public static class ServerHealth
{
    public static async Task AssertStillEchoesAsync(HttpClient httpClient)
    {
        var response = await new RawGrpcClient(httpClient).UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "still serving" });

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("still serving", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
    }
}
