using Lifecycle.Contacts.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Contacts.Data.Configurations;

/// <summary>Maps the orders read model.</summary>
public sealed class OrderRecordConfiguration : IEntityTypeConfiguration<OrderRecord>
{
    public void Configure(EntityTypeBuilder<OrderRecord> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.OrderId);
        builder.Property(o => o.OrderId).HasMaxLength(FieldLimits.ExternalKey);
        builder.Property(o => o.Status).HasMaxLength(32);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.HasIndex(o => new { o.ContactId, o.UpdatedAt });
    }
}
