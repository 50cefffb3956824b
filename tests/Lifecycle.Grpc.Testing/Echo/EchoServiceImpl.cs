using Grpc.Core;

namespace Lifecycle.Grpc.Testing.Echo;

/// <summary>
/// The echo contract's reference behaviour, shared by every gRPC test project:
/// each request may fail (<c>fail_with_code</c>) or wait (<c>delay_ms</c>, honouring cancellation), and
/// request headers starting with "x-echo-" come back both as response headers and as trailers.
/// </summary>
public sealed class EchoServiceImpl : EchoService.EchoServiceBase
{
    /// <summary>Returns the request's text and payload.</summary>
    public override async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        await StartEchoingMetadataAsync(context);
        return await AnswerAsync(request, context);
    }

    /// <summary>Streams <c>count</c> responses "{text}-1" … "{text}-{count}", waiting <c>delay_ms</c> before each.</summary>
    public override async Task Expand(ExpandRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await StartEchoingMetadataAsync(context);
        for (var i = 1; i <= request.Count; i++)
        {
            await DelayAsync(request.DelayMs, context);
            await responseStream.WriteAsync(new EchoResponse { Text = $"{request.Text}-{i}" });
        }
    }

    /// <summary>Concatenates every request's text (no separator) and payload, in arrival order.</summary>
    public override async Task<EchoResponse> Collect(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        await StartEchoingMetadataAsync(context);
        var text = new System.Text.StringBuilder();
        var payload = new MemoryStream();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var answer = await AnswerAsync(requestStream.Current, context);
            text.Append(answer.Text);
            answer.Payload.WriteTo(payload);
        }

        return new EchoResponse { Text = text.ToString(), Payload = Google.Protobuf.ByteString.CopyFrom(payload.ToArray()) };
    }

    /// <summary>Answers each request as it arrives, like <see cref="Echo"/>.</summary>
    public override async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await StartEchoingMetadataAsync(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(await AnswerAsync(requestStream.Current, context));
        }
    }

    private static async Task<EchoResponse> AnswerAsync(EchoRequest request, ServerCallContext context)
    {
        await DelayAsync(request.DelayMs, context);
        if (request.FailWithCode != 0)
        {
            throw new RpcException(new Status((StatusCode)request.FailWithCode, $"Failed as asked: {request.Text}"));
        }

        return new EchoResponse { Text = request.Text, Payload = request.Payload };
    }

    private static Task DelayAsync(int delayMs, ServerCallContext context) =>
        delayMs > 0 ? Task.Delay(delayMs, context.CancellationToken) : Task.CompletedTask;

    private static async Task StartEchoingMetadataAsync(ServerCallContext context)
    {
        var echoed = EchoMetadata.Select(context.RequestHeaders);
        if (echoed.Count == 0)
        {
            return;
        }

        foreach (var entry in echoed)
        {
            context.ResponseTrailers.Add(entry);
        }

        await context.WriteResponseHeadersAsync(echoed);
    }
}
