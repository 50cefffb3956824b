namespace Lifecycle.Hosting;

/// <summary>One service's database; referrers also learn the provider (Database__Provider).</summary>
public abstract class DatabaseResource(string name) : InitializedResource(name), IResourceWithConnectionString
{
    /// <summary>"Sqlite" or "Postgres", the value services read from Database__Provider.</summary>
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public IEnumerable<KeyValuePair<string, string>> GetReferenceEnvironment() =>
    [
        new($"ConnectionStrings__{Name}", ConnectionString),
        new("Database__Provider", Provider),
    ];
}
