using Lifecycle.Orders.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Orders.Data.Configurations;

/// <summary>Maps the catalogue.</summary>
public sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasKey(p => p.Sku);
        builder.Property(p => p.Sku).HasMaxLength(FieldLimits.Sku);
        builder.Property(p => p.Name).HasMaxLength(FieldLimits.Name);
        builder.Property(p => p.Category).HasMaxLength(FieldLimits.Category);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.Category);
    }
}
