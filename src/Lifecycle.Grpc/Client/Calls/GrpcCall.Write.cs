using System.IO.Pipelines;
using Grpc.Core;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Client.Calls;

internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private static readonly StreamPipeWriterOptions RequestWriterOptions = new(leaveOpen: true);

    private PipeWriter? requestWriter;
    private bool writeInProgress;
    private bool requestCompleted;

    /// <summary>Sends one request message of a client- or duplex-streaming call.</summary>
    public async Task WriteAsync(TRequest message, WriteOptions? writeOptions)
    {
        lock (gate)
        {
            if (requestCompleted)
            {
                throw new InvalidOperationException("Request stream has already been completed.");
            }

            if (writeInProgress)
            {
                throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
            }

            writeInProgress = true;
        }

        try
        {
            ThrowIfEnded();
            var stream = await pushContent!.Stream.WaitAsync(cancellation.Token).ConfigureAwait(false);
            requestWriter ??= PipeWriter.Create(stream, RequestWriterOptions);
            var compressor = writeOptions?.Flags.HasFlag(WriteFlags.NoCompress) == true ? null : RequestCompressor;
            MessageFraming.WriteMessage(requestWriter, message, method.RequestMarshaller.ContextualSerializer, channel.MaxSendMessageSize, compressor);
            await requestWriter.FlushAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not InvalidOperationException)
        {
            throw FinalStatus is null ? Fail(ex) : EndedWriteException();
        }
        finally
        {
            lock (gate)
            {
                writeInProgress = false;
            }
        }
    }

    /// <summary>Ends the request stream (END_STREAM); the server then knows no more messages come.</summary>
    public async Task CompleteRequestAsync()
    {
        lock (gate)
        {
            if (writeInProgress)
            {
                throw new InvalidOperationException("Can't complete the request stream while a write is in progress.");
            }

            if (requestCompleted || finalStatus is not null)
            {
                requestCompleted = true;
                return;
            }

            requestCompleted = true;
        }

        try
        {
            if (requestWriter is not null)
            {
                await requestWriter.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        finally
        {
            pushContent!.Complete();
        }
    }

    private void ThrowIfEnded()
    {
        if (FinalStatus is not null)
        {
            throw EndedWriteException();
        }
    }

    /// <summary>Writing after the call ended reports why it ended, as grpc-dotnet does.</summary>
    private Exception EndedWriteException() => FinalStatus is { StatusCode: StatusCode.OK }
        ? new InvalidOperationException("Can't write the message because the call is complete.")
        : FinalException();
}
