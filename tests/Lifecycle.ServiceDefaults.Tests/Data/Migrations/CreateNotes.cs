using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.ServiceDefaults.Tests.Data.Migrations;

/// <summary>
/// Written by hand and provider-neutral: no column types, so each provider maps the CLR type itself
/// (Guid → TEXT on SQLite, uuid on PostgreSQL; DateTimeOffset → TEXT, timestamp with time zone).
/// </summary>
[DbContext(typeof(NotesContext))]
[Migration("20250101000000_CreateNotes")]
public sealed class CreateNotes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "notes",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                title = table.Column<string>(maxLength: 200, nullable: false),
                created_at = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_notes", note => note.id));

        migrationBuilder.CreateIndex(name: "ix_notes_title", table: "notes", column: "title");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "notes");
}
