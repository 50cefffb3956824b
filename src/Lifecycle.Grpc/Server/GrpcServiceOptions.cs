using System.IO.Compression;
using Grpc.Net.Compression;

namespace Grpc.AspNetCore.Server;

/// <summary>Settings for every gRPC service mapped in the application (same names as grpc-dotnet).</summary>
public class GrpcServiceOptions
{
    /// <summary>The default limit on a message's size in either direction: 4 MiB.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Largest request message accepted (null = unlimited); larger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int? MaxReceiveMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>Largest response message sent (null = unlimited); larger ones fail the call with RESOURCE_EXHAUSTED.</summary>
    public int? MaxSendMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>Sends exception types and messages to clients; keep off outside development.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>grpc-encoding used for responses when the client accepts it (e.g. "gzip"); null sends them uncompressed.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    public CompressionLevel? ResponseCompressionLevel { get; set; }

    /// <summary>Algorithms available for request decompression and response compression (gzip by default).</summary>
    public IList<ICompressionProvider> CompressionProviders { get; } = [new GzipCompressionProvider()];

    /// <summary>Server interceptors; the first added runs outermost.</summary>
    public InterceptorCollection Interceptors { get; } = [];

    /// <summary>When true, calls to services nobody mapped fall through to the rest of the app instead of UNIMPLEMENTED.</summary>
    public bool IgnoreUnknownServices { get; set; }
}
