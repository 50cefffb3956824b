namespace Lifecycle.Hosting;

/// <summary>A resource without a process of its own (a database inside a server, a SQLite folder): it runs a setup step.</summary>
public abstract class InitializedResource(string name) : Resource(name)
{
    public abstract Task InitializeAsync(CancellationToken cancellationToken);
}
