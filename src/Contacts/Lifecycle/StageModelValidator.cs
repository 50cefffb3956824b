using System.Text.RegularExpressions;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Checks a stage model before it is stored: known ids, every stage reachable, no dangling rule.</summary>
public static partial class StageModelValidator
{
    /// <summary>Field violations as (path, description); empty when the model is valid.</summary>
    public static List<(string Field, string Description)> Validate(StageModel model)
    {
        var problems = new List<(string, string)>();
        if (model.Stages.Count == 0)
        {
            problems.Add(("model.stages", "at least one stage is required"));
            return problems;
        }
        for (var i = 0; i < model.Stages.Count; i++)
        {
            if (!StageId().IsMatch(model.Stages[i].Id))
            {
                problems.Add(($"model.stages[{i}].id", "must be lower-case letters, digits or '_' (1-64)"));
            }
        }
        foreach (var duplicate in model.Stages.GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            problems.Add(("model.stages", $"stage '{duplicate.Key}' is defined twice"));
        }
        if (!model.HasStage(model.InitialStage))
        {
            problems.Add(("model.initial_stage", $"'{model.InitialStage}' is not a stage of the model"));
        }
        for (var i = 0; i < model.Transitions.Count; i++)
        {
            var t = model.Transitions[i];
            if (!model.HasStage(t.From) || !model.HasStage(t.To) || t.From == t.To)
            {
                problems.Add(($"model.transitions[{i}]", $"'{t.From}' → '{t.To}' must join two different stages of the model"));
            }
        }
        for (var i = 0; i < model.Rules.Count; i++)
        {
            problems.AddRange(RuleProblems(model, model.Rules[i], $"model.rules[{i}]"));
        }
        if (problems.Count == 0)
        {
            problems.AddRange(Unreachable(model).Select(s => ("model.stages", $"stage '{s}' cannot be reached from '{model.InitialStage}'")));
        }
        return problems;
    }

    private static IEnumerable<(string, string)> RuleProblems(StageModel model, StageRule rule, string path)
    {
        if (string.IsNullOrWhiteSpace(rule.Id))
        {
            yield return ($"{path}.id", "is required");
        }
        if (!model.HasStage(rule.ToStage))
        {
            yield return ($"{path}.to_stage", $"'{rule.ToStage}' is not a stage of the model");
            yield break;
        }
        if (rule.Trigger == RuleTrigger.Inactivity && rule.InactiveDays <= 0)
        {
            yield return ($"{path}.inactive_days", "must be positive for an inactivity rule");
        }
        var sources = rule.FromStages.Count > 0 ? rule.FromStages : model.Stages.Select(s => s.Id).Where(s => s != rule.ToStage).ToList();
        foreach (var from in sources)
        {
            if (!model.HasStage(from))
            {
                yield return ($"{path}.from_stages", $"'{from}' is not a stage of the model");
            }
            else if (from != rule.ToStage && !model.Allows(from, rule.ToStage))
            {
                yield return ($"{path}", $"moves '{from}' → '{rule.ToStage}', which is not an allowed transition");
            }
        }
    }

    private static IEnumerable<string> Unreachable(StageModel model)
    {
        var reached = new HashSet<string> { model.InitialStage };
        var frontier = new Queue<string>(reached);
        while (frontier.TryDequeue(out var stage))
        {
            foreach (var next in model.Transitions.Where(t => t.From == stage).Select(t => t.To))
            {
                if (reached.Add(next))
                {
                    frontier.Enqueue(next);
                }
            }
        }
        return model.Stages.Select(s => s.Id).Where(id => !reached.Contains(id));
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex StageId();
}
