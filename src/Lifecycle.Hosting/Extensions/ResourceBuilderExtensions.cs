namespace Lifecycle.Hosting;

/// <summary>Wiring between resources: WithReference, WaitFor, WithReplicas, WithEnvironment.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Injects the referenced resource's configuration (connection string or service endpoints).</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IReferenceableResource> source)
        where T : Resource
    {
        builder.Resource.References.Add(source.Resource);
        return builder;
    }

    /// <summary>Holds this resource in Waiting until every instance of the dependency is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : Resource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithReplicas<T>(this IResourceBuilder<T> builder, int replicas) where T : ProcessResource
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.ReplicaCount = replicas;
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }
}
