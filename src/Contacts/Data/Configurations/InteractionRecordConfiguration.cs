using Lifecycle.Contacts.Interactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Contacts.Data.Configurations;

/// <summary>Maps interactions.</summary>
public sealed class InteractionRecordConfiguration : IEntityTypeConfiguration<InteractionRecord>
{
    public void Configure(EntityTypeBuilder<InteractionRecord> builder)
    {
        builder.ToTable("interactions");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Kind).HasMaxLength(FieldLimits.StageId);
        builder.Property(i => i.CustomType).HasMaxLength(FieldLimits.StageId);
        builder.Property(i => i.Detail).HasMaxLength(FieldLimits.LongText);
        builder.Property(i => i.RequestId).HasMaxLength(FieldLimits.RequestId);
        builder.HasIndex(i => i.RequestId).IsUnique();
        builder.HasIndex(i => new { i.ContactId, i.OccurredAt });
    }
}
