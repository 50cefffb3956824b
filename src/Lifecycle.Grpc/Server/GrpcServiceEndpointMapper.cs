using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Grpc.Server;

/// <summary>Maps one service type: its method endpoints, its UNIMPLEMENTED fallback, and its registry entry.</summary>
internal static class GrpcServiceEndpointMapper
{
    public static GrpcServiceEndpointConventionBuilder Map<TService>(IEndpointRouteBuilder endpoints)
        where TService : class
    {
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Unable to find the required services. Call services.AddGrpc() in the application's service configuration.");
        var options = services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(ServerTelemetry.Name);

        var binding = GeneratedServiceBinding.Find(typeof(TService));
        var binder = new EndpointServiceBinder<TService>(endpoints, new ServerMethodSettings(options), logger);
        binding.Bind(binder);

        var descriptor = binding.Descriptor;
        var serviceName = descriptor?.FullName
            ?? (binder.Methods.Count > 0 ? binder.Methods[0].ServiceName : typeof(TService).Name);
        binder.Conventions.Add(UnimplementedEndpoints.MapForService(endpoints, serviceName));
        lock (registry)
        {
            if (!options.IgnoreUnknownServices && !registry.UnknownServiceEndpointMapped)
            {
                UnimplementedEndpoints.MapForUnknownServices(endpoints);
                registry.UnknownServiceEndpointMapped = true;
            }
        }

        registry.Add(new MappedGrpcService(typeof(TService), binding.BindType, serviceName, binder.Methods, descriptor));
        return new GrpcServiceEndpointConventionBuilder(binder.Conventions);
    }
}
