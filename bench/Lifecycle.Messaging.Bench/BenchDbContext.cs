using Lifecycle.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Bench;

/// <summary>A consumer's effect in the benchmark: the row the inbox protects.</summary>
public sealed class Applied
{
    public Guid EventId { get; set; }
}

/// <summary>The benchmark service's database: its effects plus the outbox and inbox.</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Applied>().ToTable("applied").HasKey(a => a.EventId);
        modelBuilder.AddOutboxAndInbox();
    }
}
