using Grpc.Core;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Client.Calls;

internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private int readInProgress;

    /// <summary>The one response of a unary or client-streaming call, read after its trailers confirm OK.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var start = await started!.ConfigureAwait(false);
        if (start == ResponseStart.Messages)
        {
            var first = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false);
            if (first.HasMessage)
            {
                var extra = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false);
                if (extra.HasMessage)
                {
                    Finish(new Status(StatusCode.Internal, "The server sent more than one response message for a single-response call."), Metadata.Empty);
                }
                else if (FinishFromServer(messageMissing: false).StatusCode == StatusCode.OK)
                {
                    return first.Message;
                }

                throw FinalException();
            }
        }

        if (start != ResponseStart.Ended)
        {
            FinishFromServer(messageMissing: true);
        }

        throw FinalException();
    }

    /// <summary>The next message of a streaming response, or the end of the stream once the status is OK.</summary>
    public async Task<MessageReadResult<TResponse>> ReadNextAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref readInProgress, 1) == 1)
        {
            throw new InvalidOperationException("Can't read the next message because the previous read is still in progress.");
        }

        // A token passed to MoveNext cancels the whole call, as in grpc-dotnet.
        using var registration = cancellationToken.UnsafeRegister(static state => ((CallCancellation)state!).Cancel(CallCancellation.CallerStatus), cancellation);
        try
        {
            var start = await started!.ConfigureAwait(false);
            if (FinalStatus is null)
            {
                if (start == ResponseStart.Messages)
                {
                    var next = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
                    if (next.HasMessage)
                    {
                        return next;
                    }
                }

                if (start != ResponseStart.Ended)
                {
                    FinishFromServer(messageMissing: false);
                }
            }

            return FinalStatus is { StatusCode: StatusCode.OK } ? MessageReadResult<TResponse>.EndOfStream : throw FinalException();
        }
        finally
        {
            Volatile.Write(ref readInProgress, 0);
        }
    }

    private async ValueTask<MessageReadResult<TResponse>> ReadMessageAsync(CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await responseReader!.ReadMessageAsync(
                method.ResponseMarshaller.ContextualDeserializer,
                channel.MaxReceiveMessageSize,
                responseDecompressor,
                cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
    }

    /// <summary>Ends the call with the status the server sent (trailers, or headers of a trailers-only response).</summary>
    private Status FinishFromServer(bool messageMissing)
    {
        var (status, trailers) = trailersOnly ?? ResponseStatusHeaders.FromTrailers(response!);
        if (messageMissing && status.StatusCode == StatusCode.OK)
        {
            status = new Status(StatusCode.Internal, "Failed to deserialize response message: the server sent no message.");
        }

        Finish(status, trailers);
        return FinalStatus!.Value;
    }
}
