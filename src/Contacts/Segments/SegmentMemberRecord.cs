namespace Lifecycle.Contacts.Segments;

/// <summary>A contact's membership of a segment; the (segment, contact) key makes each join happen once.</summary>
public sealed class SegmentMemberRecord
{
    public Guid SegmentId { get; set; }

    public Guid ContactId { get; set; }

    public DateTime Since { get; set; }
}
