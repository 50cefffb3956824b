using Lifecycle.Contacts.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Analytics;

/// <summary>
/// Churn, at-risk entries and win-backs in a period. Which stages mean "at risk" and "churned" comes from the inactivity
/// rules of the model in force (<see cref="StageRoles"/>), win-backs from the flag the stage engine sets; a model
/// without inactivity rules reports no churn.
/// </summary>
public sealed class ChurnReportQuery(StageHistory history, StageModelStore models)
{
    public async Task<Api.GetChurnReportResponse> RunAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var (model, _) = await models.GetAsync(cancellationToken);
        var roles = StageRoles.Of(model);
        var initial = model.InitialStage;
        var churnedStage = roles.ChurnedStage;
        var atRiskStages = roles.AtRiskStages.ToArray();
        var lapsedStages = roles.LapsedStages.ToArray();
        var atStart = history.AtStartOf(period);
        var during = history.During(period);

        var activeAtStart = await atStart.CountAsync(t => t.ToStage != churnedStage && t.ToStage != initial, cancellationToken);
        var churned = await DistinctContactsAsync(during.Where(t => t.ToStage == churnedStage), cancellationToken);
        var atRisk = await DistinctContactsAsync(during.Where(t => atRiskStages.Contains(t.ToStage)), cancellationToken);
        var wonBack = await DistinctContactsAsync(during.Where(t => t.WinBack), cancellationToken);
        var lapsed = await atStart.Where(t => lapsedStages.Contains(t.ToStage)).Select(t => t.ContactId)
            .Union(during.Where(t => lapsedStages.Contains(t.ToStage)).Select(t => t.ContactId))
            .CountAsync(cancellationToken);

        return new Api.GetChurnReportResponse
        {
            Period = AnalyticsMapper.ToApi(period),
            ActiveAtStartCount = activeAtStart,
            ChurnedContactCount = churned,
            ChurnRate = Ratio.Of(churned, activeAtStart),
            AtRiskEnteredCount = atRisk,
            LapsedContactCount = lapsed,
            WinBackCount = wonBack,
            WinBackRate = Ratio.Of(wonBack, lapsed),
        };
    }

    private static Task<int> DistinctContactsAsync(IQueryable<StageTransitionRecord> transitions, CancellationToken cancellationToken) =>
        transitions.Select(t => t.ContactId).Distinct().CountAsync(cancellationToken);
}
