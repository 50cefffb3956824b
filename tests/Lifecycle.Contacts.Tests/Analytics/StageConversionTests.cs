using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using static Lifecycle.Contacts.Tests.Analytics.KnownHistory;

namespace Lifecycle.Contacts.Tests.Analytics;

[Collection(ContactsCollection.Name)]
public sealed class StageConversionTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Conversion_counts_moves_rates_and_median_time_in_stage_per_period(string provider)
    {
        await using var history = await BuildAsync(infrastructure, provider);

        // Days 1-7: the first steps down the funnel. Stage lines: in stage / exited / completed stays / open at end, median.
        var first = await history.Analytics.GetStageConversionAsync(new() { Period = Period(1, 8) });
        Assert.Equal(Day(1), first.Period.StartTime.ToDateTimeOffset());
        Assert.Equal(
            [
                "awareness 4/3/3/1 1.00:00:00", "engagement 2/1/1/1 2.00:00:00", "evaluation 1/1/1/0 2.00:00:00",
                "purchase 2/0/0/2 -", "retention 0/0/0/0 -", "advocacy 0/0/0/0 -", "at_risk 0/0/0/0 -", "churned 0/0/0/0 -",
            ],
            first.Stages.Select(Format));
        Assert.Equal(
            ["awareness>engagement 2/2 0.5", "awareness>purchase 1/1 0.25", "engagement>evaluation 1/1 0.5", "evaluation>purchase 1/1 1"],
            first.Moves.Select(Format));

        // Day 8 to 1 February: lapsing and win-backs. At-risk stays of 9 and 10 days: the median is their mean.
        var second = await history.Analytics.GetStageConversionAsync(new() { Period = Period(8, 32) });
        Assert.Equal(
            [
                "awareness 2/0/0/2 -", "engagement 1/1/1/0 9.00:00:00", "evaluation 0/0/0/0 -", "purchase 2/1/1/1 15.00:00:00",
                "retention 2/0/0/2 -", "advocacy 0/0/0/0 -", "at_risk 2/2/2/0 9.12:00:00", "churned 1/1/1/0 11.00:00:00",
            ],
            second.Stages.Select(Format));
        Assert.Equal(
            ["engagement>at_risk 1/1 1", "purchase>at_risk 1/1 0.5", "at_risk>retention 1/1 0.5", "at_risk>churned 1/1 0.5", "churned>retention 1/1 1"],
            second.Moves.Select(Format));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_contact_moving_back_and_forth_counts_once_per_pair_and_every_stay_counts(string provider)
    {
        await using var history = await StartEmptyAsync(infrastructure, provider);
        var id = (await history.Host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact.Id;
        async Task MoveAsync(string to, TimeSpan after)
        {
            history.Clock.Advance(after);
            await history.Host.Lifecycle.MoveContactStageAsync(new() { ContactId = id, ToStage = to, Reason = "back and forth", Actor = "test" });
        }
        await MoveAsync("engagement", TimeSpan.FromHours(1));
        await MoveAsync("awareness", TimeSpan.FromHours(2));
        await MoveAsync("engagement", TimeSpan.FromHours(4));
        await MoveAsync("awareness", TimeSpan.FromHours(8));

        var report = await history.Analytics.GetStageConversionAsync(new() { Period = Period(1, 2) });

        Assert.Equal(["awareness>engagement 1/2 1", "engagement>awareness 1/2 1"], report.Moves.Select(Format));
        // Awareness stays of 1 h and 4 h (the last one is still open); engagement stays of 2 h and 8 h.
        Assert.Equal(["awareness 1/1/2/1 02:30:00", "engagement 1/1/2/0 05:00:00"], report.Stages.Take(2).Select(Format));
    }

    private static string Format(StageConversion s) =>
        $"{s.StageId} {s.ContactCount}/{s.ExitedContactCount}/{s.CompletedStayCount}/{s.OpenStayCount} {s.MedianTimeInStage?.ToTimeSpan().ToString() ?? "-"}";

    private static string Format(StageMove m) =>
        FormattableString.Invariant($"{m.FromStage}>{m.ToStage} {m.ContactCount}/{m.TransitionCount} {m.ConversionRate}");
}
