using Lifecycle.Orders.Orders;
using Lifecycle.Orders.Refunds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Orders.Data.Configurations;

/// <summary>Maps refunds; (order_id, request_id) is unique so a retried refund cannot pay twice.</summary>
public sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RequestId).HasMaxLength(FieldLimits.RequestId);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.Reason).HasMaxLength(FieldLimits.Reason);
        builder.HasIndex(r => new { r.OrderId, r.RequestId }).IsUnique();
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RefundId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Maps refund lines.</summary>
public sealed class RefundLineConfiguration : IEntityTypeConfiguration<RefundLine>
{
    public void Configure(EntityTypeBuilder<RefundLine> builder)
    {
        builder.ToTable("refund_lines");
        builder.HasKey(l => new { l.RefundId, l.Sku });
        builder.Property(l => l.Sku).HasMaxLength(FieldLimits.Sku);
    }
}
