using Lifecycle.Contacts.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Analytics;

/// <summary>
/// Churn, at-risk entries and win-backs in a period. Keyed on the default model's stage ids <c>at_risk</c> and
/// <c>churned</c> and on the win-back flag the stage engine sets; a model without those stages reports zeros.
/// </summary>
public sealed class ChurnReportQuery(StageHistory history, StageModelStore models)
{
    private static readonly string[] Lapsed = [StageIds.AtRisk, StageIds.Churned];

    public async Task<Api.GetChurnReportResponse> RunAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var (model, _) = await models.GetAsync(cancellationToken);
        var initial = model.InitialStage;
        var atStart = history.AtStartOf(period);
        var during = history.During(period);

        var activeAtStart = await atStart.CountAsync(t => t.ToStage != StageIds.Churned && t.ToStage != initial, cancellationToken);
        var churned = await DistinctContactsAsync(during.Where(t => t.ToStage == StageIds.Churned), cancellationToken);
        var atRisk = await DistinctContactsAsync(during.Where(t => t.ToStage == StageIds.AtRisk), cancellationToken);
        var wonBack = await DistinctContactsAsync(during.Where(t => t.WinBack), cancellationToken);
        var lapsed = await atStart.Where(t => Lapsed.Contains(t.ToStage)).Select(t => t.ContactId)
            .Union(during.Where(t => Lapsed.Contains(t.ToStage)).Select(t => t.ContactId))
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
