namespace Lifecycle.Hosting.TestService;

/// <summary>grpc.health.v1.Health/Check answering SERVING, framed by hand (tests must not need a gRPC runtime).</summary>
internal static class GrpcHealth
{
    // Length-prefixed message: no compression, length 2, then field 1 (varint) = 1 (SERVING).
    private static readonly byte[] ServingResponse = [0, 0, 0, 0, 2, 0x08, 0x01];

    public static async Task CheckAsync(HttpContext context)
    {
        // The request body is a HealthCheckRequest; the whole server is reported, whatever service is asked.
        await context.Request.Body.CopyToAsync(Stream.Null);
        context.Response.ContentType = "application/grpc";
        context.Response.DeclareTrailer("grpc-status");
        await context.Response.Body.WriteAsync(ServingResponse);
        context.Response.AppendTrailer("grpc-status", "0");
    }
}
