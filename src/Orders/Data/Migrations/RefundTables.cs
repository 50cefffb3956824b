using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Orders.Data.Migrations;

/// <summary>Refunds and refund lines.</summary>
internal static class RefundTables
{
    public static void Create(MigrationBuilder m)
    {
        m.CreateTable(
            name: "refunds",
            columns: t => new
            {
                id = t.Column<Guid>(nullable: false),
                order_id = t.Column<Guid>(nullable: false),
                request_id = t.Column<string>(maxLength: FieldLimits.RequestId, nullable: false),
                amount_minor = t.Column<long>(nullable: false),
                currency = t.Column<string>(maxLength: 3, nullable: false),
                reason = t.Column<string>(maxLength: FieldLimits.Reason, nullable: false),
                created_at = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_refunds", c => c.id);
                t.ForeignKey("FK_refunds_orders_order_id", c => c.order_id, "orders", "id", onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("IX_refunds_order_id_request_id", "refunds", ["order_id", "request_id"], unique: true);

        m.CreateTable(
            name: "refund_lines",
            columns: t => new
            {
                refund_id = t.Column<Guid>(nullable: false),
                sku = t.Column<string>(maxLength: FieldLimits.Sku, nullable: false),
                quantity = t.Column<int>(nullable: false),
                unit_price_minor = t.Column<long>(nullable: false),
                amount_minor = t.Column<long>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_refund_lines", c => new { c.refund_id, c.sku });
                t.ForeignKey("FK_refund_lines_refunds_refund_id", c => c.refund_id, "refunds", "id", onDelete: ReferentialAction.Cascade);
            });
    }
}
