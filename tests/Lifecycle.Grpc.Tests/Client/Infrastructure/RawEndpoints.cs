using System.Buffers.Binary;
using Google.Protobuf;
using Lifecycle.Grpc.Testing.Echo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Tests.Client.Infrastructure;

/// <summary>
/// Hand-framed HTTP/2 endpoints that misbehave in ways our gRPC server never would: wrong HTTP status or content-type,
/// missing grpc-status, hand-made trailers-only responses, or no answer at all.
/// </summary>
public static class RawEndpoints
{
    public const string Service = "raw.Raw";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost($"/{Service}/Status/{{code:int}}", (int code, HttpContext context) =>
        {
            context.Response.StatusCode = code;
            return Task.CompletedTask;
        });
        app.MapPost($"/{Service}/WrongContentType", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html>not grpc</html>");
        });
        app.MapPost($"/{Service}/NoGrpcStatus", async context =>
        {
            context.Response.ContentType = "application/grpc";
            await WriteMessageAsync(context, new EchoResponse { Text = "no status follows" });
        });
        app.MapPost($"/{Service}/TrailersOnly", context =>
        {
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "5";
            context.Response.Headers["grpc-message"] = "nothing%20here";
            context.Response.Headers["x-detail"] = "from-headers";
            return Task.CompletedTask;
        });
        app.MapPost($"/{Service}/Hang", async context =>
        {
            context.RequestServices.GetRequiredService<CallProbe>().Watch(context.Request.Headers[CallProbe.Header], context.RequestAborted);
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        });
    }

    private static async Task WriteMessageAsync(HttpContext context, IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        await context.Response.Body.WriteAsync(frame);
    }
}
