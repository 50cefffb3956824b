using Microsoft.Extensions.Configuration;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>Where a service's database lives, read per connection name from "ConnectionStrings:{name}" and "Database:Provider".</summary>
public sealed class ServiceDatabaseOptions
{
    public const string ProviderKey = "Database:Provider";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string? ConnectionString { get; set; }

    /// <summary>Set when "Database:Provider" names no known provider; reported at start-up rather than guessed around.</summary>
    internal string? InvalidProvider { get; set; }

    internal void Read(IConfiguration configuration, string connectionName)
    {
        ConnectionString = configuration.GetConnectionString(connectionName);
        var provider = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(provider))
        {
            return;
        }

        if (Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            Provider = parsed;
        }
        else
        {
            InvalidProvider = provider;
        }
    }

    internal IEnumerable<string> Problems(string connectionName)
    {
        if (InvalidProvider is not null)
        {
            yield return $"Configuration \"{ProviderKey}\" is \"{InvalidProvider}\"; expected one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.";
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"Configuration \"ConnectionStrings:{connectionName}\" is missing (environment variable ConnectionStrings__{connectionName}).";
        }
    }
}
