using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Compression;
using Lifecycle.Grpc.Client.Diagnostics;
using Lifecycle.Grpc.Client.Http;
using Lifecycle.Grpc.Protocol;

namespace Lifecycle.Grpc.Client.Calls;

internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private const string UserAgent = "grpc-dotnet-lifecycle/1.0";

    private Task<ResponseStart>? started;
    private StreamMessageReader? responseReader;
    private ICompressionProvider? responseDecompressor;
    private (Status Status, Metadata Trailers)? trailersOnly;

    /// <summary>Starts a unary or server-streaming call with its single request.</summary>
    public void StartWithMessage(TRequest message)
    {
        var noCompress = options.WriteOptions?.Flags.HasFlag(WriteFlags.NoCompress) == true;
        started = StartAsync(new UnaryRequestContent<TRequest>(message, method.RequestMarshaller.ContextualSerializer, channel.MaxSendMessageSize, noCompress ? null : RequestCompressor));
    }

    /// <summary>Starts a client- or duplex-streaming call whose requests come from <see cref="WriteAsync"/>.</summary>
    public void StartWithRequestStream()
    {
        pushContent = new PushStreamContent();
        started = StartAsync(pushContent);
    }

    private async Task<ResponseStart> StartAsync(HttpContent content)
    {
        lock (gate)
        {
            if (finalStatus is not null)
            {
                return ResponseStart.Ended;
            }

            // Started inside this async method so Activity.Current reverts for the caller when it returns; under the
            // lock so that Finish, which stops it, cannot run in between.
            activity = GrpcClientDiagnostics.StartActivity(method.FullName);
        }

        try
        {
            request = await CreateRequestAsync(content).ConfigureAwait(false);
            var received = await channel.SendAsync(request, cancellation.Token).ConfigureAwait(false);
            lock (gate)
            {
                if (finalStatus is not null)
                {
                    received.Dispose();
                    return ResponseStart.Ended;
                }

                response = received;
            }

            return await AcceptResponseAsync(received).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(ex);
            return ResponseStart.Ended;
        }
    }

    private async ValueTask<HttpRequestMessage> CreateRequestAsync(HttpContent content)
    {
        cancellation.Token.ThrowIfCancellationRequested();
        content.Headers.TryAddWithoutValidation("content-type", GrpcHeaders.ContentType);
        var message = new HttpRequestMessage(HttpMethod.Post, channel.GetRequestUri(method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = message.Headers;
        headers.TryAddWithoutValidation(GrpcHeaders.TE, GrpcHeaders.Trailers);
        headers.TryAddWithoutValidation(GrpcHeaders.AcceptEncoding, channel.AcceptEncoding);
        if (cancellation.Deadline is { } deadline)
        {
            headers.TryAddWithoutValidation(GrpcHeaders.Timeout, GrpcTimeout.Format(deadline - DateTime.UtcNow));
        }

        if (RequestCompressor is { } compressor)
        {
            headers.TryAddWithoutValidation(GrpcHeaders.Encoding, compressor.EncodingName);
        }

        if (host is not null)
        {
            headers.Host = host;
        }

        if (options.Headers is { Count: > 0 } metadata)
        {
            AddMetadata(headers, metadata);
        }

        await ApplyCallCredentialsAsync(headers).ConfigureAwait(false);
        if (!headers.NonValidated.Contains("user-agent"))
        {
            headers.TryAddWithoutValidation("user-agent", UserAgent);
        }

        return message;
    }

    private async ValueTask ApplyCallCredentialsAsync(HttpRequestHeaders headers)
    {
        var channelCredentials = channel.Credentials.CallCredentials;
        var callCredentials = options.Credentials;
        if (channelCredentials is null && callCredentials is null)
        {
            return;
        }

        if (!channel.SendsCallCredentials)
        {
            ClientLog.CallCredentialsSkipped(channel.Logger, method.FullName);
            return;
        }

        var metadata = new Metadata();
        var serviceUrl = $"{channel.Address.Scheme}://{host ?? channel.Address.Authority}/{method.ServiceName}";
        var context = new AuthInterceptorContext(serviceUrl, method.Name, cancellation.Token);
        foreach (var credentials in new[] { channelCredentials, callCredentials })
        {
            if (credentials is not null)
            {
                await credentials.Interceptor(context, metadata).ConfigureAwait(false);
            }
        }

        AddMetadata(headers, metadata);
    }

    private static void AddMetadata(HttpRequestHeaders headers, Metadata metadata)
    {
        foreach (var (key, value) in MetadataHeaders.ToHeaders(metadata))
        {
            headers.TryAddWithoutValidation(key, value);
        }
    }

    private async Task<ResponseStart> AcceptResponseAsync(HttpResponseMessage received)
    {
        if (received.StatusCode != HttpStatusCode.OK)
        {
            Finish(HttpResponseStatus.FromHttpStatus(received.StatusCode), Metadata.Empty);
            return ResponseStart.Ended;
        }

        var headerMetadata = MetadataHeaders.FromHeaders(received.Headers);
        if (ResponseStatusHeaders.TryRead(received.Headers) is { } status)
        {
            trailersOnly = (status, headerMetadata);
            responseHeaders.TrySetResult(headerMetadata);
            return ResponseStart.TrailersOnly;
        }

        // Read raw: the typed ContentType property would parse the header into new objects on every call.
        var contentType = received.Content.Headers.NonValidated.TryGetValues("Content-Type", out var contentTypes) ? contentTypes.ToString() : null;
        if (!GrpcHeaders.IsGrpcContentType(contentType))
        {
            Finish(HttpResponseStatus.BadContentType(received.Content.Headers.ContentType?.MediaType), Metadata.Empty);
            return ResponseStart.Ended;
        }

        // A grpc-encoding we cannot decode only matters if a compressed message arrives; framing reports that.
        responseDecompressor = received.Headers.NonValidated.TryGetValues(GrpcHeaders.Encoding, out var encodings)
            ? CompressionProviders.Find(channel.CompressionProviders, encodings.ToString())
            : null;
        responseHeaders.TrySetResult(headerMetadata);
        var body = await received.Content.ReadAsStreamAsync(cancellation.Token).ConfigureAwait(false);
        responseReader = new StreamMessageReader(body);
        return ResponseStart.Messages;
    }
}
