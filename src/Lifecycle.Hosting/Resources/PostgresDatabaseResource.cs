using Lifecycle.Hosting.Launchers;

namespace Lifecycle.Hosting;

/// <summary>A database inside a PostgreSQL server, created (if missing) once the server is healthy.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresServerResource server) : DatabaseResource(name)
{
    public PostgresServerResource Server { get; } = server;

    public override string Provider => "Postgres";

    public override string ConnectionString => $"Host=127.0.0.1;Port={Server.Port};Database={Name};Username=postgres";

    public override IEnumerable<IResource> ImplicitWaits => [Server];

    public override Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgresLauncher.CreateDatabaseAsync(Server.Port, Name, cancellationToken);
}
