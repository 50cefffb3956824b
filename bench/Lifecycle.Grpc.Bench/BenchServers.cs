using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Grpc.Bench;

/// <summary>The two servers under h2load: ours, and bare Kestrel writing the same bytes (the ceiling).</summary>
internal static class BenchServers
{
    private const string EchoPath = "/lifecycle.testing.v1.EchoService/Echo";
    private const string ExpandPath = "/lifecycle.testing.v1.EchoService/Expand";

    public static WebApplication CreateGrpc(int port)
    {
        var builder = CreateBuilder(port);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<BenchEchoService>();
        return app;
    }

    public static WebApplication CreateBare(int port)
    {
        var app = CreateBuilder(port).Build();
        app.MapPost(EchoPath, async context =>
        {
            await DrainAsync(context.Request);
            StartResponse(context.Response);
            await context.Response.BodyWriter.WriteAsync(EchoPayloads.FramedEchoResponse);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        app.MapPost(ExpandPath, async context =>
        {
            await DrainAsync(context.Request);
            StartResponse(context.Response);
            for (var i = 0; i < EchoPayloads.StreamCount; i++)
            {
                // Flush per message, as a streaming handler's WriteAsync does.
                await context.Response.BodyWriter.WriteAsync(EchoPayloads.FramedEchoResponse);
            }

            context.Response.AppendTrailer("grpc-status", "0");
        });
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        return builder;
    }

    private static async Task DrainAsync(HttpRequest request)
    {
        while (true)
        {
            var result = await request.BodyReader.ReadAsync();
            request.BodyReader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private static void StartResponse(HttpResponse response)
    {
        response.ContentType = "application/grpc";
        response.Headers["grpc-accept-encoding"] = "identity,gzip";
    }
}
