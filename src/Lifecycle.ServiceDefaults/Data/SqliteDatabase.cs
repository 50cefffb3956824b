using Microsoft.Data.Sqlite;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>Readies a SQLite file for a service: its directory exists before the first connection tries to create it.</summary>
internal static class SqliteDatabase
{
    public static string Prepare(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || source.Length == 0 || source == ":memory:";
        if (!inMemory && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(source));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return builder.ConnectionString;
    }
}
