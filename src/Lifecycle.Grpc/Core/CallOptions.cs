namespace Grpc.Core;

/// <summary>Options of one outgoing call: headers, deadline, cancellation and more.</summary>
public readonly struct CallOptions(
    Metadata? headers = null,
    DateTime? deadline = null,
    CancellationToken cancellationToken = default,
    WriteOptions? writeOptions = null,
    ContextPropagationToken? propagationToken = null,
    CallCredentials? credentials = null)
{
    public Metadata? Headers { get; init; } = headers;

    public DateTime? Deadline { get; init; } = deadline;

    public CancellationToken CancellationToken { get; init; } = cancellationToken;

    public WriteOptions? WriteOptions { get; init; } = writeOptions;

    public ContextPropagationToken? PropagationToken { get; init; } = propagationToken;

    public CallCredentials? Credentials { get; init; } = credentials;

    public bool IsWaitForReady { get; init; }

    public CallOptions WithHeaders(Metadata headers) => this with { Headers = headers };

    public CallOptions WithDeadline(DateTime deadline) => this with { Deadline = deadline };

    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => this with { CancellationToken = cancellationToken };

    public CallOptions WithWriteOptions(WriteOptions writeOptions) => this with { WriteOptions = writeOptions };

    public CallOptions WithPropagationToken(ContextPropagationToken propagationToken) => this with { PropagationToken = propagationToken };

    public CallOptions WithCredentials(CallCredentials credentials) => this with { Credentials = credentials };

    public CallOptions WithWaitForReady(bool waitForReady = true) => this with { IsWaitForReady = waitForReady };
}
