using Lifecycle.Contacts.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Contacts.Data.Configurations;

/// <summary>Maps the stage history.</summary>
public sealed class StageTransitionConfiguration : IEntityTypeConfiguration<StageTransitionRecord>
{
    public void Configure(EntityTypeBuilder<StageTransitionRecord> builder)
    {
        builder.ToTable("stage_transitions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.FromStage).HasMaxLength(FieldLimits.StageId);
        builder.Property(t => t.ToStage).HasMaxLength(FieldLimits.StageId);
        builder.Property(t => t.Reason).HasMaxLength(FieldLimits.LongText);
        builder.Property(t => t.RuleId).HasMaxLength(FieldLimits.StageId);
        builder.Property(t => t.Actor).HasMaxLength(FieldLimits.ShortText);
        builder.HasIndex(t => new { t.ContactId, t.OccurredAt });
        builder.HasIndex(t => t.OccurredAt);
    }
}

/// <summary>Maps the stored stage model (one row).</summary>
public sealed class StoredStageModelConfiguration : IEntityTypeConfiguration<StoredStageModel>
{
    public void Configure(EntityTypeBuilder<StoredStageModel> builder)
    {
        builder.ToTable("stage_models");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Version).IsConcurrencyToken();
    }
}

/// <summary>Maps scheduler leases.</summary>
public sealed class SchedulerLeaseConfiguration : IEntityTypeConfiguration<SchedulerLease>
{
    public void Configure(EntityTypeBuilder<SchedulerLease> builder)
    {
        builder.ToTable("scheduler_leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(FieldLimits.StageId);
        builder.Property(l => l.Holder).HasMaxLength(FieldLimits.ShortText);
    }
}
