using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using Lifecycle.Redis.Protocol;

namespace Lifecycle.Redis.Connection;

/// <summary>
/// One socket shared by all callers: commands are appended to an outgoing pipe under a short lock
/// (so their order on the wire equals the order of <see cref="_pending"/>), one writer loop flushes
/// whatever has accumulated in a single write, and one reader loop matches replies to callers in order.
/// </summary>
internal sealed class PhysicalConnection
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly string _endPoint;
    private readonly Func<RedisResult, bool> _tryHandlePush;
    private readonly Action<PhysicalConnection, Exception> _onFailed;
    private readonly Pipe _outgoing = new(new PipeOptions(
        pool: MemoryPool<byte>.Shared,
        minimumSegmentSize: 64 * 1024,
        pauseWriterThreshold: 0, // never block a caller on a slow socket; the command timeout bounds the wait instead
        useSynchronizationContext: false));
    private readonly ConcurrentQueue<IPendingReply> _pending = new();
    private readonly Lock _writeLock = new();
    private Exception? _failure;
    private long _lastReadAt = Stopwatch.GetTimestamp();

    public PhysicalConnection(Socket socket, Stream stream, string endPoint, Func<RedisResult, bool> tryHandlePush, Action<PhysicalConnection, Exception> onFailed)
    {
        (_socket, _stream, _endPoint, _tryHandlePush, _onFailed) = (socket, stream, endPoint, tryHandlePush, onFailed);
        _ = Task.Run(WriteLoopAsync);
        _ = Task.Run(ReadLoopAsync);
    }

    public bool IsFailed => Volatile.Read(ref _failure) is not null;

    /// <summary>Queues a command; false when the connection has already failed (the caller then reports it).</summary>
    public bool TryEnqueue(IPendingReply reply, RedisCommand command, ReadOnlySpan<RedisValue> args)
    {
        Exception? encodeFailure = null;
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
                // With pauseWriterThreshold 0 the flush completes synchronously; it only wakes the writer loop.
                _outgoing.Writer.FlushAsync().GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                encodeFailure = ex;
            }
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
            _outgoing.Writer.Complete();
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

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = read.Buffer;
                foreach (var segment in buffer)
                {
                    await _stream.WriteAsync(segment).ConfigureAwait(false);
                }

                await _stream.FlushAsync().ConfigureAwait(false);
                reader.AdvanceTo(buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
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
}
