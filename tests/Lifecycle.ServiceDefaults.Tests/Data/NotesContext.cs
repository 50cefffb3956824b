using Microsoft.EntityFrameworkCore;

namespace Lifecycle.ServiceDefaults.Tests.Data;

/// <summary>A one-table service database for the migration tests; its schema comes only from the hand-written migration.</summary>
public sealed class NotesContext(DbContextOptions<NotesContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Note>(note =>
    {
        note.ToTable("notes");
        note.Property(n => n.Id).HasColumnName("id");
        note.Property(n => n.Title).HasColumnName("title").HasMaxLength(200);
        note.Property(n => n.CreatedAt).HasColumnName("created_at");
        note.HasIndex(n => n.Title).HasDatabaseName("ix_notes_title");
    });
}

/// <summary>A row of <see cref="NotesContext"/>.</summary>
public sealed class Note
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
