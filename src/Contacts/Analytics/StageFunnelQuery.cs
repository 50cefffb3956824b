using Google.Protobuf.WellKnownTypes;
using Lifecycle.Contacts.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Analytics;

/// <summary>Contacts per stage at an instant, reconstructed from the stage history (one grouped query).</summary>
public sealed class StageFunnelQuery(StageHistory history, StageModelStore models)
{
    public async Task<Api.GetStageFunnelResponse> RunAsync(DateTime asOf, CancellationToken cancellationToken)
    {
        var counts = await history.LatestAt(asOf, inclusive: true)
            .GroupBy(t => t.ToStage)
            .Select(g => new { Stage = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Stage, c => (long)c.Count, cancellationToken);
        var (model, _) = await models.GetAsync(cancellationToken);
        var response = new Api.GetStageFunnelResponse { AsOfTime = Timestamp.FromDateTime(asOf), TotalContactCount = counts.Values.Sum() };
        response.Stages.AddRange(new StageCatalog(model, counts.Keys).Stages.Select(s => new Api.StageContactCount
        {
            StageId = s.Id,
            DisplayName = s.DisplayName,
            ContactCount = counts.GetValueOrDefault(s.Id),
        }));
        return response;
    }
}
