using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lifecycle.ServiceDefaults.Data;

/// <summary>Stores DateTime as UTC and reads it back as UTC (PostgreSQL timestamptz demands it, SQLite forgets it).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
