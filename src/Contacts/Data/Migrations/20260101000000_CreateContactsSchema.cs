using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Contacts.Data.Migrations;

/// <summary>
/// The first schema, written by hand and provider-neutral (no column types: the CLR type decides on SQLite and
/// PostgreSQL). Names match the model's snake_case columns; MigrationSchemaTests checks them on both providers.
/// </summary>
[DbContext(typeof(ContactsDbContext))]
[Migration("20260101000000_CreateContactsSchema")]
public sealed class CreateContactsSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ContactTables.Create(migrationBuilder);
        LifecycleTables.Create(migrationBuilder);
        migrationBuilder.CreateOutboxAndInboxTables();
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "inbox_messages", "outbox_messages", "scheduler_leases", "stage_models", "stage_transitions", "orders", "contact_consents", "contacts" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
