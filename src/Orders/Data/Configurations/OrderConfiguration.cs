using Lifecycle.Orders.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Orders.Data.Configurations;

/// <summary>Maps orders; unique cart_id (one order per cart) and checkout_request_id (idempotent checkout).</summary>
public sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.CheckoutRequestId).HasMaxLength(FieldLimits.RequestId);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.PaymentId).HasMaxLength(FieldLimits.PaymentId);
        builder.Property(o => o.PaymentFailureReason).HasMaxLength(FieldLimits.Reason);
        builder.Property(o => o.CancelReason).HasMaxLength(FieldLimits.Reason);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => o.CartId).IsUnique();
        builder.HasIndex(o => o.CheckoutRequestId).IsUnique();
        builder.HasIndex(o => new { o.ContactId, o.CreatedAt });
        builder.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Maps order lines; indexed by SKU for the bought-together query.</summary>
public sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> builder)
    {
        builder.ToTable("order_items");
        builder.HasKey(i => new { i.OrderId, i.Sku });
        builder.Property(i => i.Sku).HasMaxLength(FieldLimits.Sku);
        builder.Property(i => i.Name).HasMaxLength(FieldLimits.Name);
        builder.Property(i => i.Category).HasMaxLength(FieldLimits.Category);
        builder.Ignore(i => i.RefundableQuantity);
        builder.Ignore(i => i.LineTotalMinor);
        builder.HasIndex(i => i.Sku);
    }
}
