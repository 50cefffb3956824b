using Lifecycle.Contacts.Contacts;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Runs the stage engine for a tracked contact against the model in force and applies its decision.</summary>
public sealed class LifecycleRules(StageModelStore models, StageMover mover)
{
    public async Task<StageTransitionRecord?> ApplyAsync(Contact contact, LifecycleSignal signal, CancellationToken cancellationToken)
    {
        var (model, _) = await models.GetAsync(cancellationToken);
        return StageEngine.Decide(model, contact.Stage, signal) is { } decision ? mover.Apply(decision, contact) : null;
    }
}
