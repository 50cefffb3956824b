using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.TestDispatcher.Model;

/// <summary>A service database as the messaging tests need it: state, consumer effects, outbox and inbox.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>().ToTable("customers").Property(c => c.Id).HasMaxLength(64);
        modelBuilder.Entity<Effect>().ToTable("effects").HasIndex(e => e.EventId);
        modelBuilder.AddOutboxAndInbox();
    }
}
