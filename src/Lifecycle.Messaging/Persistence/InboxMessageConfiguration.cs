using Lifecycle.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Messaging.Persistence;

/// <summary>Provider-neutral mapping of the inbox table; the composite key is what makes redelivery harmless.</summary>
public sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public const string TableName = "inbox_messages";

    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(m => new { m.MessageId, m.Consumer });
        builder.Property(m => m.Consumer).HasMaxLength(200);
        builder.HasIndex(m => m.ProcessedAt);
    }
}
