using Google.Protobuf.WellKnownTypes;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using static Lifecycle.Contacts.Tests.Analytics.KnownHistory;

namespace Lifecycle.Contacts.Tests.Analytics;

[Collection(ContactsCollection.Name)]
public sealed class AnalyticsValidationTests(ContactsInfrastructure infrastructure)
{
    [Fact]
    public async Task Bad_periods_dates_and_groupings_are_invalid_arguments_naming_the_field()
    {
        await using var history = await StartEmptyAsync(infrastructure, "Sqlite");
        var analytics = history.Analytics;

        await RpcAssert.InvalidFieldAsync("period", () => analytics.GetStageConversionAsync(new()).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("period.end_time", () => analytics.GetStageConversionAsync(new() { Period = new() { StartTime = At(1) } }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("period.start_time", () => analytics.GetChurnReportAsync(new() { Period = new() { EndTime = At(1) } }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("period.end_time", () => analytics.GetChurnReportAsync(new() { Period = Period(5, 5) }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("period.end_time", () => analytics.GetChurnReportAsync(new() { Period = Period(5, 2) }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("period", () => analytics.GetStageConversionAsync(new() { Period = Period(1, 1 + 1097) }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("period.start_time", () => analytics.GetStageConversionAsync(
            new() { Period = new() { StartTime = new Timestamp { Seconds = At(1).Seconds, Nanos = -1 }, EndTime = At(2) } }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("group_by", () => analytics.GetAcquisitionReportAsync(new() { Period = Period(1, 2), GroupBy = (AcquisitionGroupBy)99 }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("as_of_time", () => analytics.GetStageFunnelAsync(new() { AsOfTime = At(2) }).ResponseAsync);

        // The limits themselves are fine: exactly 1096 days, and an end in the future ("this month so far").
        var longest = await analytics.GetStageConversionAsync(new() { Period = Period(1, 1 + 1096) });
        Assert.Equal(Day(1097), longest.Period.EndTime.ToDateTimeOffset());
        Assert.Equal(0, (await analytics.GetChurnReportAsync(new() { Period = Period(1, 30) })).ActiveAtStartCount);
    }
}
