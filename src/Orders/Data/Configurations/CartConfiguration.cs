using Lifecycle.Orders.Carts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Orders.Data.Configurations;

/// <summary>Maps carts and their items; the unique open_contact_id keeps one open cart per contact.</summary>
public sealed class CartConfiguration : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> builder)
    {
        builder.ToTable("carts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.TotalMinor);
        builder.HasIndex(c => c.OpenContactId).IsUnique();
        builder.HasIndex(c => new { c.Status, c.AbandonedAt, c.LastActivityAt });
        builder.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CartId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Maps cart items: one row per product per cart.</summary>
public sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> builder)
    {
        builder.ToTable("cart_items");
        builder.HasKey(i => new { i.CartId, i.Sku });
        builder.Property(i => i.Sku).HasMaxLength(FieldLimits.Sku);
        builder.Property(i => i.Name).HasMaxLength(FieldLimits.Name);
        builder.Ignore(i => i.LineTotalMinor);
    }
}
