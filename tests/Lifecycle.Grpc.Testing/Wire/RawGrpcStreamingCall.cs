using Google.Protobuf;

namespace Lifecycle.Grpc.Testing.Wire;

/// <summary>A gRPC call over one HTTP/2 stream, driven by hand: write frames, read frames, cancel (RST_STREAM).</summary>
public sealed class RawGrpcStreamingCall : IAsyncDisposable
{
    private readonly StreamingRequestContent content;
    private readonly CancellationTokenSource cancellation;
    private readonly Task<HttpResponseMessage> responseTask;
    private Stream? responseBody;

    internal RawGrpcStreamingCall(StreamingRequestContent content, CancellationTokenSource cancellation, Task<HttpResponseMessage> responseTask)
    {
        this.content = content;
        this.cancellation = cancellation;
        this.responseTask = responseTask;
    }

    /// <summary>Completes when the response headers arrive.</summary>
    public Task<HttpResponseMessage> ResponseAsync => responseTask;

    public ValueTask WriteAsync(IMessage message) => content.WriteAsync(GrpcFrame.Encode(message));

    public ValueTask WriteRawAsync(byte[] bytes) => content.WriteAsync(bytes);

    /// <summary>Ends the request stream (END_STREAM).</summary>
    public void CompleteRequest() => content.Complete();

    /// <summary>The next response message, or null at the end of the response body.</summary>
    public async Task<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken = default)
        where T : class, IMessage<T>
    {
        var response = await responseTask.ConfigureAwait(false);
        responseBody ??= await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var frame = await GrpcFrame.ReadAsync(responseBody, cancellationToken).ConfigureAwait(false);
        return frame?.Parse(parser);
    }

    /// <summary>Reads whatever is left and returns the completed response with its trailers.</summary>
    public async Task<RawGrpcResponse> FinishAsync(CancellationToken cancellationToken = default)
    {
        var response = await responseTask.ConfigureAwait(false);
        responseBody ??= await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var frames = new List<GrpcFrame>();
        while (await GrpcFrame.ReadAsync(responseBody, cancellationToken).ConfigureAwait(false) is { } frame)
        {
            frames.Add(frame);
        }

        return new RawGrpcResponse(response, frames);
    }

    /// <summary>Abandons the call; HttpClient resets the HTTP/2 stream with RST_STREAM(CANCEL).</summary>
    public void Cancel()
    {
        cancellation.Cancel();

        // Once response headers have arrived HttpClient no longer watches the send token; disposing the response is
        // what resets the stream then.
        if (responseTask.IsCompletedSuccessfully)
        {
            responseBody?.Dispose();
            responseTask.Result.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        content.Complete();
        cancellation.Cancel();
        responseBody?.Dispose();
        if (responseTask.IsCompletedSuccessfully)
        {
            responseTask.Result.Dispose();
        }

        cancellation.Dispose();
        return default;
    }
}
