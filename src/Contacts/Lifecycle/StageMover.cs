using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Outbox;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Applies a stage move to a tracked contact: new stage, a history row and StageChanged, all in the caller's unit of work.</summary>
public sealed class StageMover(ContactsDbContext db, IEventPublisher events, TimeProvider time, ILogger<StageMover> logger)
{
    public StageTransitionRecord Apply(StageDecision decision, Contact contact) =>
        Move(contact, decision.ToStage, decision.Reason, decision.Rule.Id, actor: null, decision.EventId, decision.WinBack);

    public StageTransitionRecord Move(Contact contact, string toStage, string reason, string? ruleId, string? actor, Guid? eventId, bool winBack = false)
    {
        var now = time.UtcNowMicroseconds();
        var from = contact.Stage;
        contact.Stage = toStage;
        contact.StageSince = now;
        contact.Touch(now);
        var record = new StageTransitionRecord
        {
            Id = Guid.CreateVersion7(),
            ContactId = contact.Id,
            FromStage = from,
            ToStage = toStage,
            Reason = reason,
            RuleId = ruleId,
            Actor = actor,
            TriggerEventId = eventId,
            OccurredAt = now,
            WinBack = winBack,
        };
        db.StageTransitions.Add(record);
        events.Publish(new StageChanged
        {
            AggregateId = contact.Id.ToString(),
            AggregateVersion = contact.Version,
            OccurredAt = now,
            FromStage = from,
            ToStage = toStage,
            Reason = reason,
        });
        logger.LogInformation("Stage {From} -> {To} for {ContactId} ({Rule})", from, toStage, contact.Id, ruleId ?? "manual");
        return record;
    }
}
