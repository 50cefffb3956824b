using Lifecycle.Contacts.Lifecycle;

namespace Lifecycle.Contacts.Analytics;

/// <summary>
/// The stages a report lists, in the order of the model in force, with display names; stages met only in older
/// history (the model was replaced since) follow by id, named by their id, so no counted contact disappears.
/// </summary>
public sealed class StageCatalog
{
    private readonly List<StageDefinition> stages;

    public StageCatalog(StageModel model, IEnumerable<string> observed)
    {
        stages = [.. model.Stages];
        stages.AddRange(observed.Distinct().Where(id => !model.HasStage(id)).Order(StringComparer.Ordinal).Select(id => new StageDefinition(id, id)));
    }

    public IReadOnlyList<StageDefinition> Stages => stages;

    public int OrderOf(string stageId) => stages.FindIndex(s => s.Id == stageId);
}
