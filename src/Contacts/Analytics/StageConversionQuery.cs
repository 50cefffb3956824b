using Google.Protobuf.WellKnownTypes;
using Lifecycle.Contacts.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Analytics;

/// <summary>Stage-to-stage moves in a period, each stage's population and exits, conversion rates and median time in stage.</summary>
public sealed class StageConversionQuery(StageHistory history, StageModelStore models)
{
    public async Task<Api.GetStageConversionResponse> RunAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var moves = history.MovesDuring(period);
        // In the stage at any moment of the period: already there at its start, arrived, or left during it.
        var present = await history.AtStartOf(period).Select(t => new { Stage = t.ToStage, t.ContactId })
            .Union(history.During(period).Select(t => new { Stage = t.ToStage, t.ContactId }))
            .Union(moves.Select(t => new { Stage = t.FromStage!, t.ContactId }))
            .GroupBy(m => m.Stage)
            .Select(g => new { Stage = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Stage, c => (long)c.Count, cancellationToken);
        var exited = await moves
            .GroupBy(t => t.FromStage!)
            .Select(g => new { Stage = g.Key, Count = g.Select(t => t.ContactId).Distinct().Count() })
            .ToDictionaryAsync(c => c.Stage, c => (long)c.Count, cancellationToken);
        var open = await history.AtEndOf(period)
            .GroupBy(t => t.ToStage)
            .Select(g => new { Stage = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Stage, c => (long)c.Count, cancellationToken);
        var pairs = await moves
            .GroupBy(t => new { From = t.FromStage!, To = t.ToStage })
            .Select(g => new { g.Key.From, g.Key.To, Contacts = g.Select(t => t.ContactId).Distinct().Count(), Transitions = g.Count() })
            .ToListAsync(cancellationToken);
        var stays = await TimeInStage.CollectAsync(history.StaysEndedDuring(period), cancellationToken);

        var (model, _) = await models.GetAsync(cancellationToken);
        var catalog = new StageCatalog(model, present.Keys.Concat(open.Keys));
        var response = new Api.GetStageConversionResponse { Period = AnalyticsMapper.ToApi(period) };
        response.Stages.AddRange(catalog.Stages.Select(s => Stage(s, present, exited, open, stays.GetValueOrDefault(s.Id))));
        response.Moves.AddRange(pairs
            .OrderBy(p => catalog.OrderOf(p.From)).ThenBy(p => catalog.OrderOf(p.To))
            .Select(p => new Api.StageMove
            {
                FromStage = p.From,
                ToStage = p.To,
                ContactCount = p.Contacts,
                TransitionCount = p.Transitions,
                ConversionRate = Ratio.Of(p.Contacts, present.GetValueOrDefault(p.From)),
            }));
        return response;
    }

    private static Api.StageConversion Stage(
        StageDefinition stage, Dictionary<string, long> present, Dictionary<string, long> exited, Dictionary<string, long> open, StayLengths? stays)
    {
        var conversion = new Api.StageConversion
        {
            StageId = stage.Id,
            DisplayName = stage.DisplayName,
            ContactCount = present.GetValueOrDefault(stage.Id),
            ExitedContactCount = exited.GetValueOrDefault(stage.Id),
            CompletedStayCount = stays?.Count ?? 0,
            OpenStayCount = open.GetValueOrDefault(stage.Id),
        };
        if (stays?.Median() is { } median)
        {
            conversion.MedianTimeInStage = Duration.FromTimeSpan(median);
        }
        return conversion;
    }
}
