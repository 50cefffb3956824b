namespace Lifecycle.Hosting;

/// <summary>Service databases: SQLite files by default, one PostgreSQL server with --postgres.</summary>
public static class DatabaseBuilderExtensions
{
    /// <summary>A folder of SQLite files under .lifecycle/data/&lt;name&gt;.</summary>
    public static IResourceBuilder<SqliteServerResource> AddSqlite(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new SqliteServerResource(name, Path.Combine(builder.Options.DataDirectory, name)));

    /// <summary>
    /// The server every service database lives in: PostgreSQL when the run asks for it (--postgres or
    /// Lifecycle__Postgres=true), otherwise SQLite files, so Program.cs states the graph once.
    /// </summary>
    public static IResourceBuilder<IDatabaseServerResource> AddDatabaseServer(
        this DistributedApplicationBuilder builder, string postgresName = "pg", string sqliteName = "sqlite") =>
        builder.Options.UsePostgres ? builder.AddPostgres(postgresName) : builder.AddSqlite(sqliteName);

    public static IResourceBuilder<DatabaseResource> AddDatabase<T>(this IResourceBuilder<T> server, string name)
        where T : IDatabaseServerResource =>
        server.ApplicationBuilder.AddResource(server.Resource.CreateDatabase(name));
}
