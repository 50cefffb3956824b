using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Contacts.Data.Migrations;

/// <summary>The stage history, stage model and scheduler lease tables of the first migration.</summary>
internal static class LifecycleTables
{
    public static void Create(MigrationBuilder m)
    {
        m.CreateTable(
            name: "stage_transitions",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                contact_id = t.Column<Guid>(nullable: false),
                from_stage = t.Column<string>(maxLength: FieldLimits.StageId, nullable: true),
                to_stage = t.Column<string>(maxLength: FieldLimits.StageId, nullable: false),
                reason = t.Column<string>(maxLength: FieldLimits.LongText, nullable: false),
                rule_id = t.Column<string>(maxLength: FieldLimits.StageId, nullable: true),
                actor = t.Column<string>(maxLength: FieldLimits.ShortText, nullable: true),
                trigger_event_id = t.Column<Guid>(nullable: true),
                occurred_at = t.Column<DateTime>(nullable: false),
                win_back = t.Column<bool>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_stage_transitions", c => c.id));
        m.CreateIndex("ix_stage_transitions_contact_id_occurred_at", "stage_transitions", ["contact_id", "occurred_at"]);

        m.CreateTable(
            name: "stage_models",
            columns: t => new
            {
                id = t.Column<int>(nullable: false),
                json = t.Column<string>(nullable: false),
                version = t.Column<long>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_stage_models", c => c.id));

        m.CreateTable(
            name: "scheduler_leases",
            columns: t => new
            {
                name = t.Column<string>(maxLength: FieldLimits.StageId, nullable: false),
                holder = t.Column<string>(maxLength: FieldLimits.ShortText, nullable: true),
                expires_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_scheduler_leases", c => c.name));
    }
}
