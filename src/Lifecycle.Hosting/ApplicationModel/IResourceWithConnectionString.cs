namespace Lifecycle.Hosting;

/// <summary>A resource reached through a connection string named after it (ConnectionStrings__&lt;name&gt;).</summary>
public interface IResourceWithConnectionString : IReferenceableResource
{
    string ConnectionString { get; }

    IEnumerable<KeyValuePair<string, string>> IReferenceableResource.GetReferenceEnvironment() =>
        [new($"ConnectionStrings__{Name}", ConnectionString)];
}
