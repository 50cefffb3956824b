using Google.Protobuf.WellKnownTypes;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Contracts.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Contacts.Tests.Analytics;

/// <summary>
/// A contacts service on a manual clock holding this history (day 1 = 2026-01-01, every step at 00:00 UTC):
/// <code>
/// day  1  A, B, C, D created (awareness)            A google/paid_search/spring, B google/utm email/utm spring,
/// day  2  A page view → engagement; B moved          C utm newsletter/email, D google, E nothing
/// day  4  A moved → evaluation
/// day  6  A pays 50.00 EUR, C pays 30.00 EUR → purchase (A from evaluation, C from awareness)
/// day 11  E created; B moved engagement → at_risk
/// day 20  B moved → churned
/// day 21  C moved purchase → at_risk
/// day 31  C pays 20.00 EUR (5.00 refunded on day 32), B pays 10.00 USD → retention, both win-backs
/// day 41  D erased
/// </code>
/// </summary>
public sealed class KnownHistory : IAsyncDisposable
{
    private KnownHistory(ContactsHost host, ManualTimeProvider clock)
    {
        Host = host;
        Clock = clock;
        Analytics = new LifecycleAnalyticsService.LifecycleAnalyticsServiceClient(host.Channel);
    }

    public ContactsHost Host { get; }

    public ManualTimeProvider Clock { get; }

    public LifecycleAnalyticsService.LifecycleAnalyticsServiceClient Analytics { get; }

    public string A { get; private set; } = "";

    public string B { get; private set; } = "";

    public string C { get; private set; } = "";

    public string D { get; private set; } = "";

    public string E { get; private set; } = "";

    /// <summary>Midnight UTC of day <paramref name="day"/> of 2026 (day 32 is 1 February).</summary>
    public static DateTimeOffset Day(int day) => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(day - 1);

    public static Timestamp At(int day) => Timestamp.FromDateTimeOffset(Day(day));

    public static AnalyticsPeriod Period(int fromDay, int toDay) => new() { StartTime = At(fromDay), EndTime = At(toDay) };

    /// <summary>A service with an empty database whose clock stands at day 1.</summary>
    public static async Task<KnownHistory> StartEmptyAsync(ContactsInfrastructure infrastructure, string provider)
    {
        var clock = new ManualTimeProvider(Day(1));
        var host = await ContactsHost.StartAsync(infrastructure, provider, b => b.Services.AddSingleton<TimeProvider>(clock));
        return new KnownHistory(host, clock);
    }

    public static async Task<KnownHistory> BuildAsync(ContactsInfrastructure infrastructure, string provider)
    {
        var history = await StartEmptyAsync(infrastructure, provider);
        await history.RecordAsync();
        return history;
    }

    private async Task RecordAsync()
    {
        A = await CreateAsync(new Acquisition { Source = "google", Channel = "paid_search", Campaign = "spring" });
        B = await CreateAsync(new Acquisition { Source = "google", UtmMedium = "email", UtmCampaign = "spring" });
        C = await CreateAsync(new Acquisition { UtmSource = "newsletter", Channel = "email" });
        D = await CreateAsync(new Acquisition { Source = "google" });

        GoTo(2);
        await Host.Interactions.RecordInteractionAsync(new() { Interaction = new() { ContactId = A, Type = InteractionType.PageView } });
        await MoveAsync(B, "engagement");
        GoTo(4);
        await MoveAsync(A, "evaluation");
        GoTo(6);
        await PayAsync(A, 5000, "EUR", "purchase");
        await PayAsync(C, 3000, "EUR", "purchase");
        GoTo(11);
        E = await CreateAsync(new Acquisition());
        await MoveAsync(B, "at_risk");
        GoTo(20);
        await MoveAsync(B, "churned");
        GoTo(21);
        await MoveAsync(C, "at_risk");
        GoTo(31);
        var winBackOrder = await PayAsync(C, 2000, "EUR", "retention");
        await PayAsync(B, 1000, "USD", "retention");
        GoTo(32);
        await RefundAsync(C, winBackOrder, 500, "EUR");
        GoTo(41);
        await Host.Privacy.EraseContactAsync(new() { ContactId = D });
    }

    private void GoTo(int day) => Clock.Advance(Day(day) - Clock.GetUtcNow());

    private async Task<string> CreateAsync(Acquisition acquisition)
    {
        var contact = ContactBuilder.Valid();
        contact.Acquisition = acquisition;
        return (await Host.Contacts.CreateContactAsync(ContactBuilder.Create(contact))).Contact.Id;
    }

    private Task MoveAsync(string contactId, string toStage) =>
        Host.Lifecycle.MoveContactStageAsync(new() { ContactId = contactId, ToStage = toStage, Reason = "test history", Actor = "analytics-test" }).ResponseAsync;

    /// <summary>Pays an order now and waits until the stage rules have moved the contact (so the move happens at this clock time).</summary>
    private async Task<string> PayAsync(string contactId, long amountMinor, string currency, string expectedStage)
    {
        var paid = OrderEvents.Paid(contactId, amountMinor) with { Currency = currency, OccurredAt = Clock.GetUtcNow() };
        await Host.PublishAsync(paid);
        await Eventually.UntilAsync(async () => (await Host.Contacts.GetContactAsync(new() { Id = contactId })).Contact.Stage, s => s == expectedStage, $"{contactId} in {expectedStage}");
        return paid.AggregateId;
    }

    private async Task RefundAsync(string contactId, string orderId, long amountMinor, string currency)
    {
        await Host.PublishAsync(new OrderRefunded
        {
            AggregateId = orderId,
            AggregateVersion = 3,
            ContactId = contactId,
            Lines = [],
            AmountMinor = amountMinor,
            Currency = currency,
            OccurredAt = Clock.GetUtcNow(),
        });
        await Eventually.UntilAsync(() => Host.QueryAsync(db => db.Orders.Where(o => o.OrderId == orderId).Select(o => o.RefundedMinor).SingleAsync()), r => r == amountMinor, "the refund");
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
