using System.Net;

namespace Lifecycle.Grpc.Client.Http;

/// <summary>
/// The body of a client- or duplex-streaming call: hands the request stream to the call's writer and keeps the
/// HTTP/2 stream open until the writer completes (END_STREAM) or the call ends.
/// </summary>
internal sealed class PushStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> streamReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the transport has opened the request body.</summary>
    public Task<Stream> Stream => streamReady.Task;

    /// <summary>Ends the request body normally.</summary>
    public void Complete() => finished.TrySetResult();

    /// <summary>Releases a writer still waiting for the body when the call ends before it opened.</summary>
    public void Abort()
    {
        streamReady.TrySetCanceled();
        finished.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        streamReady.TrySetResult(stream);
        return finished.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
