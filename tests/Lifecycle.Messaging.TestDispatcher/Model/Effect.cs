namespace Lifecycle.Messaging.TestDispatcher.Model;

/// <summary>One applied event as a test consumer records it: duplicates would show up as repeated EventIds.</summary>
public sealed class Effect
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public required string AggregateId { get; set; }

    public required string Consumer { get; set; }
}
