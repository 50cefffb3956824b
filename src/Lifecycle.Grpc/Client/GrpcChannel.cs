using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Compression;
using Lifecycle.Grpc.Client;
using Lifecycle.Grpc.Client.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grpc.Net.Client;

/// <summary>A long-lived connection pool to one gRPC server; create it once and share it.</summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    private readonly HttpMessageInvoker sender;
    private readonly bool disposeSender;
    private readonly ConcurrentDictionary<string, Uri> requestUris = new(StringComparer.Ordinal);
    private int disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
        : base(address.Authority)
    {
        Address = address;
        Credentials = ChannelAddress.ResolveCredentials(address, options.Credentials);
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        CompressionProviders = options.CompressionProviders?.ToArray() ?? [.. Lifecycle.Grpc.Protocol.CompressionProviders.Default];
        AcceptEncoding = Lifecycle.Grpc.Protocol.CompressionProviders.AcceptEncoding(CompressionProviders);
        SendsCallCredentials = Credentials.IsSecure || options.UnsafeUseInsecureChannelCallCredentials;
        Logger = options.LoggerFactory?.CreateLogger<GrpcChannel>() ?? NullLogger<GrpcChannel>.Instance;
        (sender, disposeSender) = CreateSender(options);
    }

    /// <summary>The server's base address (http:// for h2c, https:// for TLS).</summary>
    public Uri Address { get; }

    internal ChannelCredentials Credentials { get; }

    internal int? MaxReceiveMessageSize { get; }

    internal int? MaxSendMessageSize { get; }

    internal ICompressionProvider[] CompressionProviders { get; }

    /// <summary>The grpc-accept-encoding value sent on every call.</summary>
    internal string AcceptEncoding { get; }

    internal bool SendsCallCredentials { get; }

    internal ILogger Logger { get; }

    internal bool IsDisposed => Volatile.Read(ref disposed) != 0;

    public static GrpcChannel ForAddress(string address) => ForAddress(address, new GrpcChannelOptions());

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions channelOptions)
    {
        ArgumentNullException.ThrowIfNull(address);
        return ForAddress(new Uri(address, UriKind.Absolute), channelOptions);
    }

    public static GrpcChannel ForAddress(Uri address) => ForAddress(address, new GrpcChannelOptions());

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions channelOptions)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(channelOptions);
        return new GrpcChannel(address, channelOptions);
    }

    public override CallInvoker CreateCallInvoker()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return new HttpClientCallInvoker(this);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0 && disposeSender)
        {
            sender.Dispose();
        }
    }

    protected override Task ShutdownAsyncCore()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Sends one call; returns as soon as the response headers arrive.</summary>
    internal Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => sender is HttpClient client
        ? client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
        : sender.SendAsync(request, cancellationToken);

    /// <summary>The request URI of a method ("/package.Service/Method"), built once per method.</summary>
    internal Uri GetRequestUri(string methodFullName) => requestUris.GetOrAdd(methodFullName, static (path, baseAddress) => new Uri(baseAddress, path), Address);

    private static (HttpMessageInvoker Sender, bool DisposeSender) CreateSender(GrpcChannelOptions options)
    {
        if (options.HttpClient is not null && options.HttpHandler is not null)
        {
            throw new ArgumentException($"Set either {nameof(GrpcChannelOptions.HttpClient)} or {nameof(GrpcChannelOptions.HttpHandler)}, not both.", nameof(options));
        }

        if (options.HttpClient is not null)
        {
            return (options.HttpClient, options.DisposeHttpClient);
        }

        // A raw invoker skips HttpClient's per-call timeout and buffering logic: handlers already return at response headers.
        return options.HttpHandler is not null
            ? (new HttpMessageInvoker(options.HttpHandler, disposeHandler: options.DisposeHttpClient), true)
            : (new HttpMessageInvoker(ChannelHttpHandler.Create(), disposeHandler: true), true);
    }
}
