namespace Lifecycle.Hosting;

/// <summary>Fluent handle on a resource being added to the application (Aspire's IResourceBuilder).</summary>
public interface IResourceBuilder<out T> where T : IResource
{
    DistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }
}

/// <summary>The one implementation: a resource and the builder it belongs to.</summary>
internal sealed record ResourceBuilder<T>(DistributedApplicationBuilder ApplicationBuilder, T Resource) : IResourceBuilder<T>
    where T : IResource;
