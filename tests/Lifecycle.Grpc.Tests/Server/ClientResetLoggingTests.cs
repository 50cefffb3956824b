using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;
using Lifecycle.Grpc.Tests.Server.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Grpc.Tests.Server;

/// <summary>A client that resets its stream mid-read is the client's doing: the server logs it below Warning and keeps serving.</summary>
public sealed class ClientResetLoggingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stream_reset_in_the_middle_of_a_message_is_logged_as_a_cancelled_call_not_an_error()
    {
        var logs = new CapturedLogs();
        await using var server = await StartServerAsync(logs);
        using var http = server.CreateHttpClient();
        var client = new RawGrpcClient(http);

        await using (var call = client.StartStreaming(EchoPaths.Chat))
        {
            // A full round trip first, so the reset hits a handler that is already reading the stream.
            await call.WriteAsync(new EchoRequest { Text = "whole" });
            Assert.Equal("whole", (await call.ReadAsync(EchoResponse.Parser))?.Text);
            await call.WriteRawAsync(GrpcFrame.Encode(new EchoRequest { Text = "this message never arrives whole" })[..12]);

            // Disposing the response is what makes HttpClient send RST_STREAM(CANCEL) once headers have arrived.
            (await call.ResponseAsync).Dispose();
        }

        var ended = await WaitForAsync(() => logs.Entries.Where(entry => entry.Message.Contains("Chat", StringComparison.Ordinal)).ToList());
        var entry = Assert.Single(ended);
        Assert.Equal(LogLevel.Debug, entry.Level);
        // Told by the failed read itself, not by RequestAborted: Kestrel cancels that token on the thread pool, so it
        // may not have fired yet when the read wakes up, and the call used to be logged as a handler Error then.
        Assert.Contains("Cancelled: The client reset the stream", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, logged => logged.Level >= LogLevel.Warning);
        var next = await client.UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "next" });
        Assert.Equal("next", Assert.Single(next.Messages(EchoResponse.Parser)).Text);
    }

    [Fact]
    public async Task Unary_request_reset_before_its_message_arrived_whole_is_logged_as_a_cancelled_call_not_an_error()
    {
        var logs = new CapturedLogs();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartServerAsync(logs, arrived);
        using var http = server.CreateHttpClient();
        var client = new RawGrpcClient(http);
        var call = client.StartStreaming(EchoPaths.Echo);
        await call.WriteRawAsync(GrpcFrame.Encode(new EchoRequest { Text = "never finished" })[..4]);
        await arrived.Task.WaitAsync(Patience);

        call.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.ResponseAsync);

        var ended = await WaitForAsync(() => logs.Entries.Where(entry => entry.Message.Contains("Echo", StringComparison.Ordinal)).ToList());
        var entry = Assert.Single(ended);
        Assert.Equal(LogLevel.Debug, entry.Level);
        // Told by the failed read itself, not by RequestAborted: Kestrel cancels that token on the thread pool, so it
        // may not have fired yet when the read wakes up, and the call used to be logged as a handler Error then.
        Assert.Contains("Cancelled: The client reset the stream", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, logged => logged.Level >= LogLevel.Warning);
        var next = await client.UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "next" });
        Assert.Equal("next", Assert.Single(next.Messages(EchoResponse.Parser)).Text);
    }

    /// <summary>A server logging its gRPC category into <paramref name="logs"/>; <paramref name="echoArrived"/>, when given, is set once an Echo call reached it.</summary>
    private static Task<GrpcTestServer> StartServerAsync(CapturedLogs logs, TaskCompletionSource? echoArrived = null) =>
        GrpcTestServer.StartAsync(options =>
        {
            options.ConfigureServices = services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                services.Configure<LoggerFilterOptions>(filter => filter.MinLevel = LogLevel.Debug);
            };
            options.ConfigureApp = app => app.Use(async (context, next) =>
            {
                if (context.Request.Path == EchoPaths.Echo)
                {
                    echoArrived?.TrySetResult();
                }

                await next(context);
            });
        });

    private static async Task<List<T>> WaitForAsync<T>(Func<List<T>> poll)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var found = poll();
            if (found.Count > 0)
            {
                return found;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
