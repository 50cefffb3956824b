namespace Lifecycle.Hosting;

/// <summary>Where service databases live: one PostgreSQL server, or a folder of SQLite files.</summary>
public interface IDatabaseServerResource : IResource
{
    DatabaseResource CreateDatabase(string name);
}
