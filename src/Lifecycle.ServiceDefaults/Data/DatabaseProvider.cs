namespace Lifecycle.ServiceDefaults.Data;

/// <summary>The database engines a service can run on, chosen by configuration "Database:Provider".</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file; the default, so a service runs alone with nothing installed.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for replicas and production.</summary>
    Postgres,
}
