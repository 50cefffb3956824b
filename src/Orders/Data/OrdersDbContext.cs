using Lifecycle.Messaging.Persistence;
using Lifecycle.Orders.Carts;
using Lifecycle.Orders.Catalogue;
using Lifecycle.Orders.Orders;
using Lifecycle.Orders.Refunds;
using Lifecycle.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Data;

/// <summary>The Orders service's own database: catalogue, carts, orders, refunds, outbox and inbox.</summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Cart> Carts => Set<Cart>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<Refund> Refunds => Set<Refund>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrdersDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
        SnakeCaseColumns.Apply(modelBuilder, ownNamespace: "Lifecycle.Orders");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are UTC everywhere; the converter restores Kind=Utc that SQLite's text storage loses.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
