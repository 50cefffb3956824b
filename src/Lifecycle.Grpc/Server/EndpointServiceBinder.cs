using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Grpc.Server;

/// <summary>
/// Receives the methods a generated BindService announces (with null handlers) and maps each one to
/// a POST /{service}/{method} endpoint whose handler resolves the service per call.
/// </summary>
internal sealed class EndpointServiceBinder<TService>(IEndpointRouteBuilder endpoints, ServerMethodSettings settings, ILogger logger)
    : ServiceBinderBase
    where TService : class
{
    private readonly ServiceActivator<TService> activator = new(endpoints.ServiceProvider);

    public List<IEndpointConventionBuilder> Conventions { get; } = [];

    public List<IMethod> Methods { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = ServiceMethodDelegates.Create<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>(
            typeof(TService), method.Name, typeof(TRequest), typeof(ServerCallContext));
        Map(method, new UnaryServerCallHandler<TService, TRequest, TResponse>(method, settings, activator, logger, invoker).HandleCallAsync);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = ServiceMethodDelegates.Create<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>(
            typeof(TService), method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        Map(method, new ClientStreamingServerCallHandler<TService, TRequest, TResponse>(method, settings, activator, logger, invoker).HandleCallAsync);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = ServiceMethodDelegates.Create<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(
            typeof(TService), method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        Map(method, new ServerStreamingServerCallHandler<TService, TRequest, TResponse>(method, settings, activator, logger, invoker).HandleCallAsync);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoker = ServiceMethodDelegates.Create<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(
            typeof(TService), method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        Map(method, new DuplexStreamingServerCallHandler<TService, TRequest, TResponse>(method, settings, activator, logger, invoker).HandleCallAsync);
    }

    private void Map(IMethod method, RequestDelegate handler)
    {
        var convention = endpoints.MapPost(method.FullName, handler)
            .WithDisplayName($"gRPC - {method.FullName}")
            .WithMetadata(new GrpcMethodMetadata(typeof(TService), method));
        Conventions.Add(convention);
        Methods.Add(method);
    }
}
