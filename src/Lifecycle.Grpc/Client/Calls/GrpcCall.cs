using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Compression;
using Lifecycle.Grpc.Client.Diagnostics;
using Lifecycle.Grpc.Client.Http;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Client.Calls;

/// <summary>
/// One outgoing call over HTTP/2. It owns the final status: the first of server trailers, transport failure,
/// deadline, cancellation or disposal to arrive decides it, and everything else reads it from here.
/// </summary>
internal sealed partial class GrpcCall<TRequest, TResponse> : IDisposable
    where TRequest : class
    where TResponse : class
{
    private const string InternalEncodingRequestHeader = "grpc-internal-encoding-request";

    private readonly GrpcChannel channel;
    private readonly Method<TRequest, TResponse> method;
    private readonly CallOptions options;
    private readonly string? host;
    private readonly CallCancellation cancellation;
    private readonly TaskCompletionSource<Metadata> responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long startTimestamp = Stopwatch.GetTimestamp();
    private readonly Lock gate = new();
    private Activity? activity;
    private HttpRequestMessage? request;
    private HttpResponseMessage? response;
    private PushStreamContent? pushContent;
    private Status? finalStatus;
    private Metadata? finalTrailers;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        this.channel = channel;
        this.method = method;
        this.host = host;
        this.options = options;
        RequestCompressor = ResolveRequestCompressor(channel, options.Headers);
        GrpcClientDiagnostics.CountCall(method.FullName);
        var (deadline, parentToken) = CallDeadline.Resolve(options);
        cancellation = new CallCancellation(options.CancellationToken, parentToken, deadline);

        // Ending the call at once (not at the next read) is what resets the HTTP/2 stream and stops the server's handler.
        cancellation.OnCancelled(static state => ((GrpcCall<TRequest, TResponse>)state).OnCancelled(), this);
    }

    public Task<Metadata> ResponseHeadersAsync => responseHeaders.Task;

    /// <summary>The compressor for request messages, chosen by the grpc-internal-encoding-request metadata entry.</summary>
    private ICompressionProvider? RequestCompressor { get; }

    private Status? FinalStatus
    {
        get
        {
            lock (gate)
            {
                return finalStatus;
            }
        }
    }

    public Status GetStatus() => FinalStatus ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers()
    {
        lock (gate)
        {
            return finalTrailers ?? throw new InvalidOperationException("Can't get the call trailers because the call has not completed.");
        }
    }

    public void Dispose() => cancellation.Cancel(CallCancellation.DisposedStatus);

    /// <summary>Records the final status once and releases the transport; false when the call had already ended.</summary>
    private bool Finish(Status status, Metadata trailers)
    {
        Activity? callActivity;
        lock (gate)
        {
            if (finalStatus is not null)
            {
                return false;
            }

            finalStatus = status;
            finalTrailers = trailers;
            callActivity = activity;
        }

        if (status.StatusCode != StatusCode.OK)
        {
            cancellation.Cancel(status);
            if (responseHeaders.TrySetException(new RpcException(status, trailers)))
            {
                // Most callers never look at the headers of a failed call; that must not count as an unobserved exception.
                _ = responseHeaders.Task.Exception;
            }

            ClientLog.CallFailed(channel.Logger, method.FullName, status);
        }

        pushContent?.Abort();
        cancellation.Dispose();
        response?.Dispose();
        request?.Dispose();
        GrpcClientDiagnostics.EndCall(callActivity, method.FullName, status.StatusCode, startTimestamp);
        return true;
    }

    /// <summary>Ends the call after an exception and returns what the caller should see.</summary>
    private RpcException Fail(Exception exception)
    {
        var status = cancellation.Reason ?? TransportFailureStatus.FromException(exception);
        Finish(status, exception is RpcException rpc ? rpc.Trailers : Metadata.Empty);
        return FinalException();
    }

    private RpcException FinalException()
    {
        lock (gate)
        {
            return new RpcException(finalStatus!.Value, finalTrailers!);
        }
    }

    private void OnCancelled() => Finish(cancellation.Reason ?? CallCancellation.CallerStatus, Metadata.Empty);

    private static ICompressionProvider? ResolveRequestCompressor(GrpcChannel channel, Metadata? headers)
    {
        if (headers?.GetValue(InternalEncodingRequestHeader) is not { } encoding)
        {
            return null;
        }

        return CompressionProviders.Find(channel.CompressionProviders, encoding)
            ?? throw new InvalidOperationException($"Could not find a compression provider for \"{encoding}\" (set in {InternalEncodingRequestHeader}).");
    }
}
