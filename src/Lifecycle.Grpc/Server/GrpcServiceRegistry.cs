namespace Lifecycle.Grpc.Server;

/// <summary>Every service mapped in the application, for reflection and health (one singleton per app).</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly List<MappedGrpcService> services = [];

    public IReadOnlyList<MappedGrpcService> Services
    {
        get
        {
            lock (services)
            {
                return [.. services];
            }
        }
    }

    /// <summary>Whether the catch-all UNIMPLEMENTED endpoint was mapped already (it must exist once).</summary>
    public bool UnknownServiceEndpointMapped { get; set; }

    public void Add(MappedGrpcService service)
    {
        lock (services)
        {
            services.Add(service);
        }
    }
}
