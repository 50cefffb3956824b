using Grpc.Core;
using Lifecycle.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace Lifecycle.Grpc.Server;

/// <summary>The <see cref="ServerCallContext"/> of one call, backed by its ASP.NET Core <see cref="HttpContext"/>.</summary>
internal sealed partial class HttpContextServerCallContext(HttpContext httpContext, IMethod method, ServerMethodSettings settings)
    : ServerCallContext, IDisposable
{
    private Metadata? requestHeaders;
    private Metadata? responseTrailers;
    private AuthContext? authContext;
    private Status status = Status.DefaultSuccess;

    public HttpContext HttpContext => httpContext;

    public IMethod CallMethod => method;

    public ServerMethodSettings Settings => settings;

    protected override string MethodCore => method.FullName;

    protected override string HostCore => httpContext.Request.Host.Value ?? "";

    protected override string PeerCore => PeerFormatter.Format(httpContext.Connection);

    protected override DateTime DeadlineCore => deadline;

    protected override Metadata RequestHeadersCore => requestHeaders ??= MetadataHeaders.FromHeaders(httpContext.Request.Headers);

    protected override CancellationToken CancellationTokenCore => deadlineSource?.Token ?? httpContext.RequestAborted;

    protected override Metadata ResponseTrailersCore => responseTrailers ??= [];

    protected override Status StatusCore
    {
        get => status;
        set => status = value;
    }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => authContext ??= AuthContextFactory.Create(httpContext.Connection);

    protected override async Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        if (httpContext.Response.HasStarted)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call.");
        }

        foreach (var (key, value) in MetadataHeaders.ToHeaders(responseHeaders))
        {
            httpContext.Response.Headers.Append(key, value);
        }

        await httpContext.Response.BodyWriter.FlushAsync(CancellationTokenCore).ConfigureAwait(false);
    }

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        new ServerCallPropagationToken(deadline, CancellationTokenCore, options ?? ContextPropagationOptions.Default);

    public void Dispose() => deadlineSource?.Dispose();
}
