using Lifecycle.Contacts.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Contacts.Data.Configurations;

/// <summary>Maps contacts, their acquisition and activity (same row) and their consents (own table).</summary>
public sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("contacts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Email).HasMaxLength(FieldLimits.Email);
        builder.Property(c => c.EmailNormalized).HasMaxLength(FieldLimits.Email);
        builder.HasIndex(c => c.EmailNormalized).IsUnique();
        builder.Property(c => c.Phone).HasMaxLength(FieldLimits.Phone);
        builder.Property(c => c.Locale).HasMaxLength(FieldLimits.Locale);
        builder.Property(c => c.Stage).HasMaxLength(FieldLimits.StageId);
        builder.HasIndex(c => c.Stage);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.CreateRequestId).HasMaxLength(FieldLimits.RequestId);
        builder.HasIndex(c => c.CreateRequestId).IsUnique();
        builder.HasIndex(c => c.CreatedAt);
        builder.OwnsOne(c => c.Acquisition);
        builder.Navigation(c => c.Acquisition).IsRequired();
        builder.OwnsOne(c => c.Activity, activity => activity.HasIndex(a => a.LastActivityAt));
        builder.Navigation(c => c.Activity).IsRequired();
        builder.OwnsMany(c => c.Consents, consent =>
        {
            consent.ToTable("contact_consents");
            consent.WithOwner().HasForeignKey("ContactId");
            consent.HasKey("ContactId", nameof(ContactConsent.Channel));
            consent.Property(c => c.Channel).HasMaxLength(16);
            consent.Property(c => c.Source).HasMaxLength(FieldLimits.ShortText);
        });
    }
}
