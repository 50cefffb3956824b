using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Messaging.Persistence;

/// <summary>Adds the outbox and inbox tables to a service's own DbContext model.</summary>
public static class ModelBuilderExtensions
{
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder) =>
        modelBuilder
            .ApplyConfiguration(new OutboxMessageConfiguration())
            .ApplyConfiguration(new InboxMessageConfiguration());
}
