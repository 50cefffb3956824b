namespace Lifecycle.Contacts.Segments;

/// <summary>Whether one contact belongs to a segment now, with the contact's version (for events) and creation time (for samples).</summary>
public sealed record SegmentVerdict(Guid ContactId, long Version, DateTime CreatedAt, bool Member);
