using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Orders.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Tests.Data;

[Collection(OrdersCollection.Name)]
public sealed class MigrationSchemaTests(OrdersInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_hand_written_migration_creates_every_table_and_column_the_model_maps(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);

        var pending = await host.QueryAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());
        // Each query selects every mapped column of its table, so a name the migration got wrong fails here.
        await host.QueryAsync(async db =>
        {
            await db.Products.Take(1).ToListAsync();
            await db.Carts.Include(c => c.Items).Take(1).ToListAsync();
            await db.Orders.Include(o => o.Items).Take(1).ToListAsync();
            await db.Refunds.Include(r => r.Lines).Take(1).ToListAsync();
            await db.Set<OutboxMessage>().Take(1).ToListAsync();
            return await db.Set<InboxMessage>().Take(1).ToListAsync();
        });

        Assert.Empty(pending);
    }
}
