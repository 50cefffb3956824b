using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using Lifecycle.Redis.Protocol;

namespace Lifecycle.Redis.Connection;

/// <summary>
/// One socket shared by all callers: commands are encoded into an outgoing buffer under a short lock
/// (so their order on the wire equals the order of <see cref="_pending"/>), one writer loop sends
/// whatever has accumulated in a single write, and one reader loop matches replies to callers in order.
/// </summary>
internal sealed class PhysicalConnection
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly string _endPoint;
    private readonly Func<RedisResult, bool> _tryHandlePush;
    private readonly Action<PhysicalConnection, Exception> _onFailed;
    // Callers never wait for the socket: a slow server grows the buffer, and the command timeout bounds the wait.
    private readonly OutgoingBuffer _outgoing = new();
    private readonly ConcurrentQueue<IPendingReply> _pending = new();
    private readonly Lock _writeLock = new();

    // The writer is started only when it went idle, not once per command: a busy writer finds new commands
    // by itself when its write completes, so a burst of callers costs one start, not one each.
    private readonly IThreadPoolWorkItem _startWriter;
    private bool _writerIdle = true;
    private Exception? _failure;
    private long _lastReadAt = Stopwatch.GetTimestamp();

    public PhysicalConnection(Socket socket, Stream stream, string endPoint, Func<RedisResult, bool> tryHandlePush, Action<PhysicalConnection, Exception> onFailed)
    {
        (_socket, _stream, _endPoint, _tryHandlePush, _onFailed) = (socket, stream, endPoint, tryHandlePush, onFailed);
        _startWriter = new WriterStart(this);
        _ = Task.Run(ReadLoopAsync);
    }

    public bool IsFailed => Volatile.Read(ref _failure) is not null;

    /// <summary>Queues a command; false when the connection has already failed (the caller then reports it).</summary>
    public bool TryEnqueue(IPendingReply reply, RedisCommand command, ReadOnlySpan<RedisValue> args)
    {
        Exception? encodeFailure = null;
        var startWriter = false;
        lock (_writeLock)
        {
            if (_failure is not null)
            {
                return false;
            }

            try
            {
                RespWriter.WriteCommand(_outgoing.Writer, command, args);
                _pending.Enqueue(reply);
                startWriter = _writerIdle;
                _writerIdle = false;
            }
            catch (Exception ex)
            {
                encodeFailure = ex;
            }
        }

        if (startWriter)
        {
            // The global queue, not this thread's local one: the writer then runs after the callers already
            // queued here have added their commands, so one write carries a batch instead of a single command.
            ThreadPool.UnsafeQueueUserWorkItem(_startWriter, preferLocal: false);
        }

        if (encodeFailure is not null)
        {
            // A half-written command would desynchronise every later reply: drop the link and start clean.
            Fail(encodeFailure);
            throw new RedisConnectionException($"Could not queue {command.Name} for Redis at {_endPoint}: {encodeFailure.Message}", encodeFailure);
        }

        return true;
    }

    /// <summary>
    /// Times out callers whose reply is overdue. Their slot stays queued so the late reply is still consumed
    /// in order and dropped. When nothing at all has arrived for <paramref name="deadAfter"/> while replies are
    /// owed, the link is declared dead so the manager reconnects instead of timing out every call forever.
    /// </summary>
    public void CheckTimeouts(TimeSpan commandTimeout, TimeSpan deadAfter)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var pending in _pending)
        {
            if (pending.IsCompleted)
            {
                continue;
            }

            if (Stopwatch.GetElapsedTime(pending.QueuedAt, now) < commandTimeout)
            {
                break; // the queue is in send order, so everything behind this one is younger
            }

            pending.Fail(new RedisTimeoutException($"Redis at {_endPoint} did not reply within {commandTimeout.TotalMilliseconds:0} ms."), "timeout");
        }

        // Timed-out slots still count: their replies are owed by the server.
        if (_pending.TryPeek(out var oldestOwed))
        {
            var silentFor = Stopwatch.GetElapsedTime(Math.Max(Volatile.Read(ref _lastReadAt), oldestOwed.QueuedAt), now);
            if (silentFor > deadAfter)
            {
                Fail(new RedisConnectionException($"Redis at {_endPoint} sent nothing for {silentFor.TotalMilliseconds:0} ms while replies were owed; reconnecting."));
            }
        }
    }

    /// <summary>Marks the connection failed (once), fails every queued caller and closes the socket.</summary>
    public void Fail(Exception cause)
    {
        lock (_writeLock)
        {
            if (_failure is not null)
            {
                return;
            }

            Volatile.Write(ref _failure, cause);
        }

        try
        {
            _stream.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // Tearing down a broken TLS stream may throw; the socket below is closed regardless.
        }

        _socket.Dispose();
        var error = cause as RedisConnectionException
            ?? new RedisConnectionException($"Connection to Redis at {_endPoint} was lost: {cause.Message}", cause);
        while (_pending.TryDequeue(out var pending))
        {
            pending.Fail(error, "connection");
        }

        _onFailed(this, error);
    }

    /// <summary>Sends batches until nothing is left, then marks the writer idle so the next command starts it again.</summary>
    private async Task WriteUntilIdleAsync()
    {
        try
        {
            ArrayBufferWriter<byte>? sent = null;
            while (true)
            {
                ArrayBufferWriter<byte> batch;
                lock (_writeLock)
                {
                    if (sent is not null)
                    {
                        _outgoing.Recycle(sent);
                    }

                    if (_failure is not null)
                    {
                        return;
                    }

                    if (_outgoing.IsEmpty)
                    {
                        _writerIdle = true;
                        return;
                    }

                    batch = _outgoing.TakeFilled();
                }

                await _stream.WriteAsync(batch.WrittenMemory).ConfigureAwait(false);
                await _stream.FlushAsync().ConfigureAwait(false);
                sent = batch;
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    private async Task ReadLoopAsync()
    {
        var input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        try
        {
            while (true)
            {
                var read = await input.ReadAsync().ConfigureAwait(false);
                Volatile.Write(ref _lastReadAt, Stopwatch.GetTimestamp());
                var consumed = DispatchReplies(read.Buffer);
                input.AdvanceTo(consumed, read.Buffer.End);
                if (read.IsCompleted)
                {
                    Fail(new RedisConnectionException($"Redis at {_endPoint} closed the connection."));
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private SequencePosition DispatchReplies(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (RespParser.TryRead(ref reader, out var reply))
        {
            if (_tryHandlePush(reply))
            {
                continue;
            }

            if (!_pending.TryDequeue(out var pending))
            {
                throw new RedisProtocolException($"Redis at {_endPoint} sent a reply nobody was waiting for.");
            }

            pending.Complete(reply);
        }

        return reader.Position;
    }

    /// <summary>Starts the writer from the thread pool without allocating a work item per start.</summary>
    private sealed class WriterStart(PhysicalConnection connection) : IThreadPoolWorkItem
    {
        public void Execute() => _ = connection.WriteUntilIdleAsync();
    }
}
