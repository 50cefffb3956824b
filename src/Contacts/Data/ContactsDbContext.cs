using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Interactions;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contacts.Orders;
using Lifecycle.Contacts.Segments;
using Lifecycle.Messaging.Persistence;
using Lifecycle.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Contacts.Data;

/// <summary>The Contacts service's own database: contacts, stage history and model, the orders read model, segments, outbox and inbox.</summary>
public sealed class ContactsDbContext(DbContextOptions<ContactsDbContext> options) : DbContext(options)
{
    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    public DbSet<StageTransitionRecord> StageTransitions => Set<StageTransitionRecord>();

    public DbSet<StoredStageModel> StageModels => Set<StoredStageModel>();

    public DbSet<SchedulerLease> SchedulerLeases => Set<SchedulerLease>();

    public DbSet<InteractionRecord> Interactions => Set<InteractionRecord>();

    public DbSet<SegmentRecord> Segments => Set<SegmentRecord>();

    public DbSet<SegmentMemberRecord> SegmentMembers => Set<SegmentMemberRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ContactsDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
        SnakeCaseColumns.Apply(modelBuilder, ownNamespace: "Lifecycle.Contacts");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are UTC everywhere; the converter restores Kind=Utc that SQLite's text storage loses.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
