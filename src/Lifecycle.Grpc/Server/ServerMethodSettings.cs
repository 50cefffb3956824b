using Grpc.AspNetCore.Server;
using Grpc.Net.Compression;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Server;

/// <summary>The options a call needs, resolved once per mapped method so the hot path reads plain fields.</summary>
internal sealed class ServerMethodSettings
{
    public ServerMethodSettings(GrpcServiceOptions options)
    {
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        EnableDetailedErrors = options.EnableDetailedErrors;
        CompressionProviders = [.. options.CompressionProviders];
        Interceptors = [.. options.Interceptors];
        AcceptEncoding = Protocol.CompressionProviders.AcceptEncoding(CompressionProviders);
        var responseProvider = Protocol.CompressionProviders.Find(CompressionProviders, options.ResponseCompressionAlgorithm);
        if (options.ResponseCompressionAlgorithm is { } algorithm && algorithm != GrpcHeaders.IdentityEncoding && responseProvider is null)
        {
            throw new InvalidOperationException($"GrpcServiceOptions.ResponseCompressionAlgorithm '{algorithm}' has no matching compression provider.");
        }

        ResponseCompressor = responseProvider is null ? null : new LeveledCompressionProvider(responseProvider, options.ResponseCompressionLevel);
    }

    public int? MaxReceiveMessageSize { get; }

    public int? MaxSendMessageSize { get; }

    public bool EnableDetailedErrors { get; }

    public ICompressionProvider[] CompressionProviders { get; }

    public InterceptorRegistration[] Interceptors { get; }

    /// <summary>The grpc-accept-encoding value this server advertises.</summary>
    public string AcceptEncoding { get; }

    /// <summary>Compresses responses when the client accepts its encoding; null when response compression is off.</summary>
    public ICompressionProvider? ResponseCompressor { get; }
}
