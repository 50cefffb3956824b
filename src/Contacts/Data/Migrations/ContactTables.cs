using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Contacts.Data.Migrations;

/// <summary>The contacts, consents and orders read-model tables of the first migration.</summary>
internal static class ContactTables
{
    public static void Create(MigrationBuilder m)
    {
        m.CreateTable(
            name: "contacts",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                email = t.Column<string>(maxLength: FieldLimits.Email, nullable: false),
                email_normalized = t.Column<string>(maxLength: FieldLimits.Email, nullable: false),
                phone = t.Column<string>(maxLength: FieldLimits.Phone, nullable: true),
                external_ids_json = t.Column<string>(nullable: false),
                given_name = t.Column<string>(nullable: true),
                family_name = t.Column<string>(nullable: true),
                company = t.Column<string>(nullable: true),
                job_title = t.Column<string>(nullable: true),
                locale = t.Column<string>(maxLength: FieldLimits.Locale, nullable: true),
                acquisition_source = t.Column<string>(nullable: true),
                acquisition_channel = t.Column<string>(nullable: true),
                acquisition_campaign = t.Column<string>(nullable: true),
                acquisition_utm_source = t.Column<string>(nullable: true),
                acquisition_utm_medium = t.Column<string>(nullable: true),
                acquisition_utm_campaign = t.Column<string>(nullable: true),
                acquisition_utm_term = t.Column<string>(nullable: true),
                acquisition_utm_content = t.Column<string>(nullable: true),
                acquisition_heard_about_us = t.Column<string>(nullable: true),
                stage = t.Column<string>(maxLength: FieldLimits.StageId, nullable: false),
                stage_since = t.Column<DateTime>(nullable: false),
                version = t.Column<long>(nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
                updated_at = t.Column<DateTime>(nullable: false),
                create_request_id = t.Column<string>(maxLength: FieldLimits.RequestId, nullable: true),
                search_text = t.Column<string>(nullable: false),
                activity_last_activity_at = t.Column<DateTime>(nullable: false),
                activity_interaction_count = t.Column<int>(nullable: false),
                activity_paid_order_count = t.Column<int>(nullable: false),
                activity_revenue_minor = t.Column<long>(nullable: false),
                activity_currency = t.Column<string>(nullable: true),
                activity_first_purchase_at = t.Column<DateTime>(nullable: true),
                activity_last_purchase_at = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_contacts", c => c.id));
        m.CreateIndex("ix_contacts_email_normalized", "contacts", "email_normalized", unique: true);
        m.CreateIndex("ix_contacts_create_request_id", "contacts", "create_request_id", unique: true);
        m.CreateIndex("ix_contacts_stage", "contacts", "stage");
        m.CreateIndex("ix_contacts_created_at", "contacts", "created_at");
        m.CreateIndex("ix_contacts_activity_last_activity_at", "contacts", "activity_last_activity_at");

        m.CreateTable(
            name: "contact_consents",
            columns: t => new
            {
                contact_id = t.Column<Guid>(nullable: false),
                channel = t.Column<string>(maxLength: 16, nullable: false),
                granted = t.Column<bool>(nullable: false),
                changed_at = t.Column<DateTime>(nullable: false),
                source = t.Column<string>(maxLength: FieldLimits.ShortText, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_contact_consents", c => new { c.contact_id, c.channel });
                t.ForeignKey("fk_contact_consents_contacts", c => c.contact_id, "contacts", "id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "orders",
            columns: t => new
            {
                order_id = t.Column<string>(maxLength: FieldLimits.ExternalKey, nullable: false),
                contact_id = t.Column<Guid>(nullable: false),
                status = t.Column<string>(maxLength: 32, nullable: false),
                total_minor = t.Column<long>(nullable: false),
                refunded_minor = t.Column<long>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                paid_at = t.Column<DateTime>(nullable: true),
                updated_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_orders", c => c.order_id));
        m.CreateIndex("ix_orders_contact_id_updated_at", "orders", ["contact_id", "updated_at"]);
    }
}
