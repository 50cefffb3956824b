using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// A context's provider name without its cost per call: <c>DatabaseFacade.ProviderName</c> reads the provider
/// assembly's name (<c>Assembly.GetName</c>, which allocates and looks up the code base) every time — 1 % of the
/// SQLite messaging benchmark's CPU while the write gate asked it per statement. A provider's type fixes its name.
/// </summary>
internal static class DatabaseProviderName
{
    private const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private static readonly ConcurrentDictionary<Type, string> names = new();

    /// <summary>PostgreSQL through Npgsql: where the outbox and inbox use their PostgreSQL-only SQL (row locks, arrays).</summary>
    public static bool IsNpgsql(DbContext db) => Of(db) == Npgsql;

    public static string Of(DbContext db)
    {
        var provider = db.GetService<IDatabaseProvider>();
        return names.GetOrAdd(provider.GetType(), static (_, p) => p.Name, provider);
    }
}
