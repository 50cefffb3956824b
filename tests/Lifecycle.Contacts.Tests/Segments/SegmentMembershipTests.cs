using Grpc.Core;
using Lifecycle.Contacts.Segments;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lifecycle.Contacts.Tests.Segments.Rules;

namespace Lifecycle.Contacts.Tests.Segments;

/// <summary>Stored membership: filled on create, kept current as contacts change, swept for time-relative rules.</summary>
[Collection(ContactsCollection.Name)]
public sealed class SegmentMembershipTests(ContactsInfrastructure infrastructure)
{
    private const string Joined = "Lifecycle.Contracts.Events.SegmentMembershipChanged";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Membership_follows_updates_stage_moves_order_events_and_erasure(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var ann = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact.Id;
        var bob = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact.Id;
        var german = (await host.Segments.CreateSegmentAsync(new() { RequestId = Guid.NewGuid().ToString(), Segment = Segment("German speakers", All(Locale("de"))) })).Segment;
        var buyers = (await host.Segments.CreateSegmentAsync(new() { Segment = Segment("Buyers", Any(StageIn("purchase"), Revenue("EUR", Min(1)))) })).Segment;
        Assert.Equal((0, 0), (german.MemberCount, buyers.MemberCount));
        Assert.NotNull(german.EvaluateTime);

        await host.Contacts.UpdateContactAsync(new() { Contact = new() { Id = ann, Locale = "de-AT" }, UpdateMask = new() { Paths = { "locale" } } });
        Assert.Equal([ann], await MemberIdsAsync(host, german.Id));
        await host.Lifecycle.MoveContactStageAsync(new() { ContactId = bob, ToStage = "purchase", Reason = "offline sale", Actor = "pos" });
        Assert.Equal([bob], await MemberIdsAsync(host, buyers.Id));
        await host.PublishAsync(OrderEvents.Paid(ann, amountMinor: 2500));
        await Eventually.UntilAsync(() => MemberIdsAsync(host, buyers.Id), ids => ids.Count == 2, "Ann's paid order to make her a buyer");
        var filtered = await host.Contacts.ListContactsAsync(new() { SegmentId = buyers.Id, OrderBy = "email" });
        Assert.Equal(2, filtered.TotalSize);
        Assert.Equal([ann], (await host.Contacts.ListContactsAsync(new() { SegmentId = german.Id })).Contacts.Select(c => c.Id));

        await host.Privacy.EraseContactAsync(new() { ContactId = ann });

        Assert.Empty(await MemberIdsAsync(host, german.Id));
        Assert.Equal([bob], await MemberIdsAsync(host, buyers.Id));
        var changes = await host.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.AggregateId == ann && m.MessageType == Joined).OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync());
        Assert.Equal(4, changes.Count);
        Assert.Contains("\"joined\":true", changes[0], StringComparison.Ordinal);
        Assert.Contains(german.Id, changes[0], StringComparison.Ordinal);
        Assert.All(changes[2..], c => Assert.Contains("\"joined\":false", c, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Time_relative_rules_flip_in_the_scheduled_sweep_without_any_event(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await ContactsHost.StartAsync(infrastructure, provider, b => b.Services.AddSingleton<TimeProvider>(clock));
        var ann = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact.Id;
        await host.PublishAsync(OrderEvents.Paid(ann) with { OccurredAt = clock.GetUtcNow() });
        await Eventually.UntilAsync(async () => (await host.Contacts.GetContactAsync(new() { Id = ann })).Contact.Stage, s => s == "purchase", "the purchase");
        var lapsed = (await host.Segments.CreateSegmentAsync(new() { Segment = Segment("No purchase in 90 days", All(LastPurchase(Min(90)))) })).Segment;
        var newcomers = (await host.Segments.CreateSegmentAsync(new() { Segment = Segment("New this week", All(new SegmentCondition { Created = new() { DaysAgo = Max(7) } })) })).Segment;
        var risky = (await host.Segments.CreateSegmentAsync(new() { Segment = Segment("Churn risk", All(ChurnRisk(Min(30)))) })).Segment;
        Assert.Equal((0, 1, 0), (lapsed.MemberCount, newcomers.MemberCount, risky.MemberCount));

        clock.Advance(TimeSpan.FromDays(89));
        Assert.Equal(1, await SweepAsync(host));
        Assert.Empty(await MemberIdsAsync(host, newcomers.Id));
        Assert.Empty(await MemberIdsAsync(host, lapsed.Id));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await SweepAsync(host));
        Assert.Equal([ann], await MemberIdsAsync(host, lapsed.Id));
        clock.Advance(TimeSpan.FromDays(100));
        Assert.Equal(1, await SweepAsync(host));
        Assert.Equal([ann], await MemberIdsAsync(host, risky.Id));
        Assert.Equal(0, await SweepAsync(host));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Create_is_idempotent_rules_updates_reevaluate_and_members_page_with_signed_tokens(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact.Id);
        }
        var request = new CreateSegmentRequest { RequestId = Guid.NewGuid().ToString(), Segment = Segment("Email opt-ins", All(Consent(ConsentChannel.Email))) };
        var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.Segments.CreateSegmentAsync(request).ResponseAsync));
        var segment = attempts[0].Segment;
        Assert.All(attempts, a => Assert.Equal(segment.Id, a.Segment.Id));
        Assert.Equal(1, (await host.Segments.ListSegmentsAsync(new())).TotalSize);
        Assert.Equal(3, (await host.Segments.GetSegmentAsync(new() { Id = segment.Id })).Segment.MemberCount);

        var members = new List<string>();
        var page = new ListSegmentMembersRequest { SegmentId = segment.Id, PageSize = 2 };
        do
        {
            var response = await host.Segments.ListSegmentMembersAsync(page);
            Assert.Equal(3, response.TotalSize);
            members.AddRange(response.Members.Select(m => m.Contact.Id));
            page.PageToken = response.NextPageToken;
        }
        while (page.PageToken.Length > 0);
        Assert.Equal(ids.Order(), members.Order());

        var token = (await host.Segments.ListSegmentMembersAsync(new() { SegmentId = segment.Id, PageSize = 1 })).NextPageToken;
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];
        await RpcAssert.InvalidFieldAsync("page_token", () => host.Segments.ListSegmentMembersAsync(new() { SegmentId = segment.Id, PageSize = 1, PageToken = tampered }).ResponseAsync);
        var other = (await host.Segments.CreateSegmentAsync(new() { Segment = Segment("Everyone", All(StageIn("awareness"))) })).Segment;
        await RpcAssert.InvalidFieldAsync("page_token", () => host.Segments.ListSegmentMembersAsync(new() { SegmentId = other.Id, PageSize = 1, PageToken = token }).ResponseAsync);

        var renamed = (await host.Segments.UpdateSegmentAsync(new()
        {
            Segment = new() { Id = segment.Id, Name = "SMS opt-ins", Rules = All(Consent(ConsentChannel.Sms)) },
            UpdateMask = new() { Paths = { "name", "rules" } },
        })).Segment;
        Assert.Equal(("SMS opt-ins", 0, 2L), (renamed.Name, renamed.MemberCount, renamed.Version));
        Assert.Empty(await MemberIdsAsync(host, segment.Id));

        await host.Segments.DeleteSegmentAsync(new() { Id = segment.Id });
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => host.Segments.GetSegmentAsync(new() { Id = segment.Id }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => host.Contacts.ListContactsAsync(new() { SegmentId = segment.Id }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => host.Segments.ListSegmentMembersAsync(new() { SegmentId = segment.Id }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => host.Segments.DeleteSegmentAsync(new() { Id = segment.Id }).ResponseAsync);
    }

    private static async Task<List<string>> MemberIdsAsync(ContactsHost host, string segmentId) =>
        [.. (await host.Segments.ListSegmentMembersAsync(new() { SegmentId = segmentId, PageSize = 200 })).Members.Select(m => m.Contact.Id)];

    private static async Task<int> SweepAsync(ContactsHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SegmentSweep>().RunOnceAsync(CancellationToken.None);
    }
}
