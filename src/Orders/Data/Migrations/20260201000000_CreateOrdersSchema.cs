using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Orders.Data.Migrations;

/// <summary>
/// The first schema, written by hand and provider-neutral (no column types: the CLR type decides on SQLite and
/// PostgreSQL). Names match the model's snake_case columns; MigrationSchemaTests checks them on both providers.
/// </summary>
[DbContext(typeof(OrdersDbContext))]
[Migration("20260201000000_CreateOrdersSchema")]
public sealed class CreateOrdersSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CatalogueTables.Create(migrationBuilder);
        CartTables.Create(migrationBuilder);
        OrderTables.Create(migrationBuilder);
        RefundTables.Create(migrationBuilder);
        migrationBuilder.CreateOutboxAndInboxTables();
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "inbox_messages", "outbox_messages", "refund_lines", "refunds", "order_items", "orders", "cart_items", "carts", "products" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
