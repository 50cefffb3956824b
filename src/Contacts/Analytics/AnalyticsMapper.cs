using Google.Protobuf.WellKnownTypes;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Analytics;

/// <summary>Shared pieces of the analytics responses.</summary>
public static class AnalyticsMapper
{
    /// <summary>The period as applied (microsecond precision), echoed so a dashboard labels exactly what was counted.</summary>
    public static Api.AnalyticsPeriod ToApi(ReportPeriod period) =>
        new() { StartTime = Timestamp.FromDateTime(period.Start), EndTime = Timestamp.FromDateTime(period.End) };
}
