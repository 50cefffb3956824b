namespace Lifecycle.Hosting;

/// <summary>One SQLite file; the service creates and migrates it, the AppHost only decides where it lives.</summary>
public sealed class SqliteDatabaseResource(string name, SqliteServerResource server) : DatabaseResource(name)
{
    public string FilePath => Path.Combine(server.Directory, $"{Name}.db");

    public override string Provider => "Sqlite";

    public override string ConnectionString => $"Data Source={FilePath}";

    public override IEnumerable<IResource> ImplicitWaits => [server];

    public override Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
