using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using static Lifecycle.Contacts.Tests.Analytics.KnownHistory;

namespace Lifecycle.Contacts.Tests.Analytics;

[Collection(ContactsCollection.Name)]
public sealed class StageFunnelTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_funnel_at_a_past_date_shows_the_past_and_erased_contacts_still_count(string provider)
    {
        await using var history = await BuildAsync(infrastructure, provider);

        async Task<string> FunnelAsync(GetStageFunnelRequest request) => Format(await history.Analytics.GetStageFunnelAsync(request));

        Assert.Equal("total=0 awareness=0 engagement=0 evaluation=0 purchase=0 retention=0 advocacy=0 at_risk=0 churned=0",
            await FunnelAsync(new() { AsOfTime = At(0) }));
        // as_of_time is inclusive: the creations at day 1 00:00 count.
        Assert.Equal("total=4 awareness=4 engagement=0 evaluation=0 purchase=0 retention=0 advocacy=0 at_risk=0 churned=0",
            await FunnelAsync(new() { AsOfTime = At(1) }));
        Assert.Equal("total=4 awareness=2 engagement=2 evaluation=0 purchase=0 retention=0 advocacy=0 at_risk=0 churned=0",
            await FunnelAsync(new() { AsOfTime = At(3) }));
        Assert.Equal("total=5 awareness=2 engagement=0 evaluation=0 purchase=2 retention=0 advocacy=0 at_risk=1 churned=0",
            await FunnelAsync(new() { AsOfTime = At(15) }));
        Assert.Equal("total=5 awareness=2 engagement=0 evaluation=0 purchase=1 retention=0 advocacy=0 at_risk=1 churned=1",
            await FunnelAsync(new() { AsOfTime = At(25) }));

        // No date: now (day 41, after D's erasure; D still counts in awareness).
        var now = await history.Analytics.GetStageFunnelAsync(new());
        Assert.Equal(Day(41), now.AsOfTime.ToDateTimeOffset());
        Assert.Equal("total=5 awareness=2 engagement=0 evaluation=0 purchase=1 retention=2 advocacy=0 at_risk=0 churned=0", Format(now));
        Assert.Equal(["Awareness", "Engagement", "Evaluation", "Purchase", "Retention", "Advocacy", "At risk", "Churned"], now.Stages.Select(s => s.DisplayName));
    }

    private static string Format(GetStageFunnelResponse funnel) =>
        $"total={funnel.TotalContactCount} " + string.Join(" ", funnel.Stages.Select(s => $"{s.StageId}={s.ContactCount}"));
}
