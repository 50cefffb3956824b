using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Lifecycle.Messaging.Persistence;

/// <summary>
/// Creates the outbox and inbox tables in a service's hand-written migration, with exactly the names and columns
/// <see cref="ModelBuilderExtensions.AddOutboxAndInbox"/> maps: one definition beside the mapping it must match.
/// </summary>
public static class OutboxInboxMigration
{
    public static void CreateOutboxAndInboxTables(this MigrationBuilder m)
    {
        m.CreateTable(
            name: "outbox_messages",
            columns: t => new
            {
                Sequence = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                MessageId = t.Column<Guid>(nullable: false),
                MessageType = t.Column<string>(maxLength: 256, nullable: false),
                Payload = t.Column<string>(nullable: false),
                Headers = t.Column<string>(nullable: true),
                AggregateId = t.Column<string>(maxLength: 128, nullable: false),
                OccurredAt = t.Column<DateTimeOffset>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                SentAt = t.Column<DateTime>(nullable: true),
                Attempts = t.Column<int>(nullable: false),
                NextAttemptAt = t.Column<DateTime>(nullable: true),
                LastError = t.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_outbox_messages", c => c.Sequence));
        m.CreateIndex("IX_outbox_messages_MessageId", "outbox_messages", "MessageId", unique: true);
        m.CreateIndex("IX_outbox_messages_SentAt_Sequence", "outbox_messages", ["SentAt", "Sequence"]);

        m.CreateTable(
            name: "inbox_messages",
            columns: t => new
            {
                MessageId = t.Column<Guid>(nullable: false),
                Consumer = t.Column<string>(maxLength: 200, nullable: false),
                ProcessedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_inbox_messages", c => new { c.MessageId, c.Consumer }));
        m.CreateIndex("IX_inbox_messages_ProcessedAt", "inbox_messages", "ProcessedAt");
    }
}
