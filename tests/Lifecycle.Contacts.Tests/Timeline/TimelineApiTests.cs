using Google.Protobuf.WellKnownTypes;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Contacts.Tests.Timeline;

[Collection(ContactsCollection.Name)]
public sealed class TimelineApiTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Interactions_stage_changes_and_orders_are_interleaved_in_time_order_on_every_page(string provider)
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new ManualTimeProvider(start);
        await using var host = await ContactsHost.StartAsync(infrastructure, provider, b => b.Services.AddSingleton<TimeProvider>(clock));
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        clock.Advance(TimeSpan.FromDays(1));
        await RecordAsync(host, contact.Id, InteractionType.PageView, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromDays(1));
        await host.PublishAsync(OrderEvents.Paid(contact.Id, orderId: "order-1") with { OccurredAt = clock.GetUtcNow() });
        await Eventually.UntilAsync(async () => (await host.Contacts.GetContactAsync(new() { Id = contact.Id })).Contact.Stage, s => s == "purchase", "the first purchase");
        clock.Advance(TimeSpan.FromDays(1));
        await RecordAsync(host, contact.Id, InteractionType.Review, clock.GetUtcNow());
        // Recorded last but it happened between the page view and the order: the timeline follows occurrence.
        await RecordAsync(host, contact.Id, InteractionType.Nps, start.AddDays(1.5), score: 5);

        string[] expected =
        [
            "stage:awareness", "interaction:PageView", "stage:engagement", "interaction:Nps",
            "order:order-1", "stage:purchase", "interaction:Review", "stage:advocacy",
        ];
        Assert.Equal(expected, await ReadAllAsync(host, contact.Id, TimelineDirection.OldestFirst, pageSize: 3));
        Assert.Equal(expected.Reverse(), await ReadAllAsync(host, contact.Id, TimelineDirection.Unspecified, pageSize: 3));
        Assert.Equal(expected.Reverse(), await ReadAllAsync(host, contact.Id, TimelineDirection.NewestFirst, pageSize: 50));
    }

    private static async Task<List<string>> ReadAllAsync(ContactsHost host, string contactId, TimelineDirection direction, int pageSize)
    {
        var seen = new List<string>();
        var request = new GetTimelineRequest { ContactId = contactId, Direction = direction, PageSize = pageSize };
        do
        {
            var page = await host.Timeline.GetTimelineAsync(request);
            Assert.True(page.Entries.Count <= pageSize);
            seen.AddRange(page.Entries.Select(Describe));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return seen;
    }

    private static string Describe(TimelineEntry entry) => entry.EntryCase switch
    {
        TimelineEntry.EntryOneofCase.Interaction => $"interaction:{entry.Interaction.Type}",
        TimelineEntry.EntryOneofCase.StageTransition => $"stage:{entry.StageTransition.ToStage}",
        TimelineEntry.EntryOneofCase.Order => $"order:{entry.Order.OrderId}",
        _ => "unknown",
    };

    private static Task RecordAsync(ContactsHost host, string contactId, InteractionType type, DateTimeOffset at, int? score = null)
    {
        var interaction = new Interaction { ContactId = contactId, Type = type, OccurTime = Timestamp.FromDateTimeOffset(at) };
        if (score is { } value)
        {
            interaction.Score = value;
        }
        return host.Interactions.RecordInteractionAsync(new() { Interaction = interaction, RequestId = Guid.NewGuid().ToString() }).ResponseAsync;
    }
}
