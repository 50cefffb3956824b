using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Contacts.Data.Migrations;

/// <summary>
/// Lifecycle analytics read the stage history by time across all contacts (moves in a period, stage at an instant);
/// the existing (contact_id, occurred_at) index only serves one contact. Hand-written and provider-neutral.
/// </summary>
[DbContext(typeof(ContactsDbContext))]
[Migration("20260302000000_AddStageTransitionTimeIndex")]
public sealed class AddStageTransitionTimeIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("ix_stage_transitions_occurred_at", "stage_transitions", "occurred_at");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("ix_stage_transitions_occurred_at", "stage_transitions");
}
