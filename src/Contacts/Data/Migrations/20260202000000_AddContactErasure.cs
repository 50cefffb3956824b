using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Contacts.Data.Migrations;

/// <summary>Marks erased contacts, so a repeated erase is a no-op; hand-written and provider-neutral.</summary>
[DbContext(typeof(ContactsDbContext))]
[Migration("20260202000000_AddContactErasure")]
public sealed class AddContactErasure : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTime>(name: "erased_at", table: "contacts", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "erased_at", table: "contacts");
}
