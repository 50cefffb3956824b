using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Lifecycle.Grpc.Server;

/// <summary>Lifts Kestrel's HTTP body limits that do not fit gRPC: message sizes are enforced per message instead.</summary>
internal static class StreamingBodyLimits
{
    public static void Apply(HttpContext httpContext, MethodType methodType)
    {
        // A stream carries any number of messages: the per-message limit applies, not a per-request one.
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBodySize)
        {
            maxBodySize.MaxRequestBodySize = null;
        }

        // A client or bidi stream may sit idle between messages for as long as the call lasts. Kestrel's minimum
        // body data rate would otherwise time the request out after a few idle seconds and reset the whole
        // HTTP/2 connection, failing every other call on it.
        if (methodType is MethodType.ClientStreaming or MethodType.DuplexStreaming
            && httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minDataRate)
        {
            minDataRate.MinDataRate = null;
        }
    }
}
