namespace Lifecycle.Contacts.Lifecycle;

/// <summary>The stage model in force, as one JSON row (id 1) versioned for optimistic replacement.</summary>
public sealed class StoredStageModel
{
    public const int CurrentId = 1;

    public int Id { get; set; }

    public required string Json { get; set; }

    public long Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}
