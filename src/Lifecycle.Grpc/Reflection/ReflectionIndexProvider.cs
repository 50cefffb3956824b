using Lifecycle.Grpc.Server;

namespace Lifecycle.Grpc.Reflection;

/// <summary>Builds the descriptor index on first use, once every service has been mapped.</summary>
internal sealed class ReflectionIndexProvider(GrpcServiceRegistry registry)
{
    private ReflectionDescriptorIndex? index;
    private int indexedServiceCount = -1;

    public ReflectionDescriptorIndex Index
    {
        get
        {
            // Rebuilt only if services were mapped after the last build (rare: mapping happens before start).
            var services = registry.Services;
            if (index is null || services.Count != Volatile.Read(ref indexedServiceCount))
            {
                index = new ReflectionDescriptorIndex(services);
                Volatile.Write(ref indexedServiceCount, services.Count);
            }

            return index;
        }
    }
}
