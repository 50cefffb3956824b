using System.Threading.Channels;
using Lifecycle.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lifecycle.ServiceDefaults.Tests.Infrastructure;

/// <summary>A minimal OTLP/HTTP collector: accepts protobuf POSTs on /v1/{signal} and hands each body to the test.</summary>
public sealed class OtlpReceiver(WebApplication app, Channel<ReceivedExport> exports) : IAsyncDisposable
{
    public Uri Endpoint { get; } = new(app.Urls.Single());

    public ChannelReader<ReceivedExport> Exports => exports.Reader;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        var app = builder.Build();
        var exports = Channel.CreateUnbounded<ReceivedExport>();
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            await exports.Writer.WriteAsync(new ReceivedExport(signal, request.ContentType, body.ToArray()));
            // An empty Export*ServiceResponse: full success.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return new OtlpReceiver(app, exports);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One export request as received: the signal ("traces", "metrics", "logs"), its content type and protobuf body.</summary>
public sealed record ReceivedExport(string Signal, string? ContentType, byte[] Body)
{
    /// <summary>Protobuf carries strings as raw UTF-8, so a name in the payload is found by its bytes.</summary>
    public bool Contains(string text) => Body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}
