using Lifecycle.Contacts.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Contacts.Data.Configurations;

/// <summary>Maps segments.</summary>
public sealed class SegmentRecordConfiguration : IEntityTypeConfiguration<SegmentRecord>
{
    public void Configure(EntityTypeBuilder<SegmentRecord> builder)
    {
        builder.ToTable("segments");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(FieldLimits.ShortText);
        builder.Property(s => s.Description).HasMaxLength(FieldLimits.LongText);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.CreateRequestId).HasMaxLength(FieldLimits.RequestId);
        builder.HasIndex(s => s.CreateRequestId).IsUnique();
        builder.HasIndex(s => s.CreatedAt);
    }
}

/// <summary>Maps segment membership: one row per (segment, contact), found by contact too.</summary>
public sealed class SegmentMemberRecordConfiguration : IEntityTypeConfiguration<SegmentMemberRecord>
{
    public void Configure(EntityTypeBuilder<SegmentMemberRecord> builder)
    {
        builder.ToTable("segment_members");
        builder.HasKey(m => new { m.SegmentId, m.ContactId });
        builder.HasIndex(m => m.ContactId);
    }
}
