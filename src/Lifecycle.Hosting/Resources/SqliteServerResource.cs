namespace Lifecycle.Hosting;

/// <summary>The embedded default: a folder holding one SQLite file per service database.</summary>
public sealed class SqliteServerResource(string name, string directory) : InitializedResource(name), IDatabaseServerResource
{
    public string Directory { get; } = directory;

    public DatabaseResource CreateDatabase(string name) => new SqliteDatabaseResource(name, this);

    public override Task InitializeAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Task.CompletedTask;
    }
}
