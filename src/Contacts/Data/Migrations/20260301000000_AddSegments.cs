using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Contacts.Data.Migrations;

/// <summary>Segments and their stored membership; hand-written and provider-neutral like the first migration.</summary>
[DbContext(typeof(ContactsDbContext))]
[Migration("20260301000000_AddSegments")]
public sealed class AddSegments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "segments",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                name = t.Column<string>(maxLength: FieldLimits.ShortText, nullable: false),
                description = t.Column<string>(maxLength: FieldLimits.LongText, nullable: true),
                rules_json = t.Column<string>(nullable: false),
                version = t.Column<long>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                evaluated_at = t.Column<DateTime>(nullable: true),
                create_request_id = t.Column<string>(maxLength: FieldLimits.RequestId, nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_segments", c => c.id));
        migrationBuilder.CreateIndex("ix_segments_create_request_id", "segments", "create_request_id", unique: true);
        migrationBuilder.CreateIndex("ix_segments_created_at", "segments", "created_at");

        migrationBuilder.CreateTable(
            name: "segment_members",
            columns: t => new
            {
                segment_id = t.Column<Guid>(nullable: false),
                contact_id = t.Column<Guid>(nullable: false),
                since = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_segment_members", c => new { c.segment_id, c.contact_id }));
        migrationBuilder.CreateIndex("ix_segment_members_contact_id", "segment_members", "contact_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("segment_members");
        migrationBuilder.DropTable("segments");
    }
}
