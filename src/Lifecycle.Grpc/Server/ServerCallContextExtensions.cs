using Lifecycle.Grpc.Server;
using Microsoft.AspNetCore.Http;

namespace Grpc.Core;

/// <summary>Reaches the ASP.NET Core request behind a server call (user, connection, features).</summary>
public static class ServerCallContextExtensions
{
    public static HttpContext GetHttpContext(this ServerCallContext serverCallContext)
    {
        ArgumentNullException.ThrowIfNull(serverCallContext);
        return serverCallContext is HttpContextServerCallContext httpCallContext
            ? httpCallContext.HttpContext
            : throw new InvalidOperationException("Could not get HttpContext from ServerCallContext: it is not an ASP.NET Core call context.");
    }
}
