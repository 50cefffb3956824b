using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Lifecycle;

namespace Lifecycle.Contacts.Analytics;

/// <summary>
/// The stage-history queries every report builds on: where each contact stood at an instant, and the moves inside a
/// period. Both stay IQueryable, so the reports aggregate them in SQL on SQLite and PostgreSQL alike.
/// </summary>
public sealed class StageHistory(ContactsDbContext db)
{
    /// <summary>
    /// Each contact's latest transition at (inclusive) or before the instant: its <c>ToStage</c> is where the contact
    /// stood. Contacts created later have no row. Two moves of one contact at the very same microsecond (only a frozen
    /// test clock produces them) are ordered by id, so each contact still yields exactly one row.
    /// </summary>
    public IQueryable<StageTransitionRecord> LatestAt(DateTime instant, bool inclusive)
    {
        var upTo = inclusive
            ? db.StageTransitions.Where(t => t.OccurredAt <= instant)
            : db.StageTransitions.Where(t => t.OccurredAt < instant);
        return upTo.Where(t => t.Id == upTo
            .Where(u => u.ContactId == t.ContactId)
            .OrderByDescending(u => u.OccurredAt).ThenByDescending(u => u.Id)
            .Select(u => u.Id)
            .FirstOrDefault());
    }

    /// <summary>Where contacts stood just before the period began.</summary>
    public IQueryable<StageTransitionRecord> AtStartOf(ReportPeriod period) => LatestAt(period.Start, inclusive: false);

    /// <summary>Where contacts stood when the period ended (its end is exclusive).</summary>
    public IQueryable<StageTransitionRecord> AtEndOf(ReportPeriod period) => LatestAt(period.End, inclusive: false);

    /// <summary>Transitions recorded in the period, contact creations included.</summary>
    public IQueryable<StageTransitionRecord> During(ReportPeriod period) =>
        db.StageTransitions.Where(t => t.OccurredAt >= period.Start && t.OccurredAt < period.End);

    /// <summary>Moves between two stages in the period (a creation has no from stage and is no move).</summary>
    public IQueryable<StageTransitionRecord> MovesDuring(ReportPeriod period) => During(period).Where(t => t.FromStage != null);

    /// <summary>
    /// For every move in the period, the stay it ended: the stage left, when the contact had entered it (its latest
    /// earlier arrival in that stage) and when it left. A projection of two times per stay, read as a stream.
    /// </summary>
    public IQueryable<CompletedStay> StaysEndedDuring(ReportPeriod period) =>
        MovesDuring(period).Select(t => new CompletedStay
        {
            Stage = t.FromStage!,
            EnteredAt = db.StageTransitions
                .Where(u => u.ContactId == t.ContactId && u.Id != t.Id && u.ToStage == t.FromStage && u.OccurredAt <= t.OccurredAt)
                .Max(u => (DateTime?)u.OccurredAt),
            LeftAt = t.OccurredAt,
        });
}

/// <summary>One finished stay in a stage; EnteredAt is null only for history that lacks the arrival (not produced by this service).</summary>
public sealed class CompletedStay
{
    public required string Stage { get; init; }

    public DateTime? EnteredAt { get; init; }

    public DateTime LeftAt { get; init; }
}
