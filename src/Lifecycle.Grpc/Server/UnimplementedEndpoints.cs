using Lifecycle.Grpc.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lifecycle.Grpc.Server;

/// <summary>Answers gRPC calls to methods or services nobody mapped with a trailers-only UNIMPLEMENTED.</summary>
internal static class UnimplementedEndpoints
{
    /// <summary>Any other method of a mapped service; the literal service segment outranks the catch-all below.</summary>
    public static IEndpointConventionBuilder MapForService(IEndpointRouteBuilder endpoints, string serviceName) =>
        endpoints.MapPost("/" + serviceName + "/{unimplementedMethod}", HandleUnknownMethodAsync)
            .WithDisplayName($"gRPC - Unimplemented method for {serviceName}")
            .WithMetadata(UnimplementedFallbackMetadata.Instance);

    /// <summary>
    /// Any POST /{service}/{method}, ordered last so every other endpoint of the app wins;
    /// requests that are not gRPC get a plain 404 as if this endpoint did not exist.
    /// </summary>
    public static void MapForUnknownServices(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/{unimplementedService}/{unimplementedMethod}", HandleUnknownServiceAsync)
            .WithDisplayName("gRPC - Unimplemented service")
            .WithMetadata(UnimplementedFallbackMetadata.Instance)
            .Add(builder => ((RouteEndpointBuilder)builder).Order = int.MaxValue);

    private static Task HandleUnknownMethodAsync(HttpContext httpContext)
    {
        if (GrpcRequestGuard.TryAccept(httpContext))
        {
            RespondUnimplemented(httpContext.Response, $"Method {httpContext.Request.Path.Value} is unimplemented.");
        }

        return Task.CompletedTask;
    }

    private static Task HandleUnknownServiceAsync(HttpContext httpContext)
    {
        if (!GrpcHeaders.IsGrpcContentType(httpContext.Request.ContentType))
        {
            httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (GrpcRequestGuard.TryAccept(httpContext))
        {
            var service = httpContext.Request.RouteValues["unimplementedService"];
            RespondUnimplemented(httpContext.Response, $"Service {service} is unimplemented.");
        }

        return Task.CompletedTask;
    }

    private static void RespondUnimplemented(HttpResponse response, string message)
    {
        response.ContentType = GrpcHeaders.ContentType;
        response.Headers[GrpcHeaders.Status] = "12";
        response.Headers[GrpcHeaders.Message] = GrpcMessageEncoding.Encode(message);
    }
}
