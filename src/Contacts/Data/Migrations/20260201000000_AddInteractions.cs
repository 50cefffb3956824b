using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Contacts.Data.Migrations;

/// <summary>The interactions table; hand-written and provider-neutral like the first migration.</summary>
[DbContext(typeof(ContactsDbContext))]
[Migration("20260201000000_AddInteractions")]
public sealed class AddInteractions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "interactions",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                contact_id = t.Column<Guid>(nullable: false),
                kind = t.Column<string>(maxLength: FieldLimits.StageId, nullable: false),
                custom_type = t.Column<string>(maxLength: FieldLimits.StageId, nullable: true),
                score = t.Column<int>(nullable: true),
                detail = t.Column<string>(maxLength: FieldLimits.LongText, nullable: true),
                occurred_at = t.Column<DateTime>(nullable: false),
                recorded_at = t.Column<DateTime>(nullable: false),
                request_id = t.Column<string>(maxLength: FieldLimits.RequestId, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_interactions", c => c.id));
        migrationBuilder.CreateIndex("ix_interactions_request_id", "interactions", "request_id", unique: true);
        migrationBuilder.CreateIndex("ix_interactions_contact_id_occurred_at", "interactions", ["contact_id", "occurred_at"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("interactions");
}
