using Grpc.Core;
using Grpc.Net.Compression;
using Microsoft.Extensions.Logging;

namespace Grpc.Net.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>: transport, message limits, compression and credentials.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>The largest response message accepted, in bytes (4 MiB unless set; null means unlimited).</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest request message sent, in bytes (null means unlimited).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Providers for grpc-encoding; gzip when not set.</summary>
    public IList<ICompressionProvider>? CompressionProviders { get; set; }

    /// <summary>TLS or plaintext; inferred from the address scheme when not set.</summary>
    public ChannelCredentials? Credentials { get; set; }

    /// <summary>Sends call credentials over plaintext channels too (only for trusted networks and tests).</summary>
    public bool UnsafeUseInsecureChannelCallCredentials { get; set; }

    /// <summary>Sends calls through this handler instead of the channel's own SocketsHttpHandler.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Sends calls through this client instead of the channel's own handler.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpClient"/> or <see cref="HttpHandler"/>.</summary>
    public bool DisposeHttpClient { get; set; }

    public ILoggerFactory? LoggerFactory { get; set; }
}
