namespace Lifecycle.Hosting;

/// <summary>Base of every resource: its name, what it waits for, what it references, extra environment.</summary>
public abstract class Resource(string name) : IResource
{
    public string Name { get; } = ResourceNames.Validate(name);

    /// <summary>Start only after these are healthy.</summary>
    public List<IResource> WaitsFor { get; } = [];

    /// <summary>Their configuration is injected into this resource's environment.</summary>
    public List<IReferenceableResource> References { get; } = [];

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Runtime instances (one per replica), created by Build().</summary>
    public IReadOnlyList<ResourceInstance> Instances { get; internal set; } = [];

    /// <summary>Services stop before infrastructure, so they can flush and disconnect cleanly.</summary>
    public virtual bool IsService => false;

    /// <summary>Dependencies implied by the model itself (a database waits for its server).</summary>
    public virtual IEnumerable<IResource> ImplicitWaits => [];

    public virtual IReadOnlyList<EndpointDefinition> Endpoints => [];

    public virtual int Replicas => 1;
}
