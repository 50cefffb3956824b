using Lifecycle.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Messaging.Persistence;

/// <summary>Provider-neutral mapping of the outbox table (SQLite, PostgreSQL, and SQL Server by a provider switch).</summary>
public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public const string TableName = "outbox_messages";

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable(TableName);
        // The sequence is the key so every provider generates it (SQLite rowid, PostgreSQL identity).
        builder.HasKey(m => m.Sequence);
        builder.Property(m => m.Sequence).ValueGeneratedOnAdd();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.MessageType).HasMaxLength(256);
        builder.Property(m => m.AggregateId).HasMaxLength(128);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        // The dispatcher's claim and the pruner both filter on SentAt.
        builder.HasIndex(m => new { m.SentAt, m.Sequence });
    }
}
