using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contacts.Tests.Infrastructure;
using Lifecycle.Contracts.Contacts.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Contacts.Tests.Interactions;

[Collection(ContactsCollection.Name)]
public sealed class InteractionApiTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task First_interaction_engages_and_a_promoter_score_after_purchase_makes_an_advocate(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;

        var view = (await host.Interactions.RecordInteractionAsync(Record(contact.Id, InteractionType.PageView, detail: "/pricing"))).Interaction;
        Assert.Equal("engagement", (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot.Stage);
        await host.Lifecycle.MoveContactStageAsync(new() { ContactId = contact.Id, ToStage = "purchase", Reason = "offline sale", Actor = "pos" });
        await host.Interactions.RecordInteractionAsync(Record(contact.Id, InteractionType.Nps, score: 9));

        Assert.Equal((InteractionType.PageView, "/pricing", contact.Id), (view.Type, view.Detail, view.ContactId));
        Assert.Equal("advocacy", (await host.Snapshots.GetCustomerSnapshotAsync(new() { ContactId = contact.Id })).Snapshot.Stage);
        var history = (await host.Lifecycle.ListStageTransitionsAsync(new() { ContactId = contact.Id })).Transitions;
        Assert.Equal(["awareness", "engagement", "purchase", "advocacy"], history.Select(t => t.ToStage));
        Assert.Equal(["first-interaction", "advocacy"], new[] { history[1].RuleId, history[3].RuleId });
        Assert.Equal(2, (await host.OutboxTypesAsync(contact.Id)).Count(t => t.EndsWith(".InteractionRecorded", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Retrying_with_the_same_request_id_records_one_interaction(string provider)
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, provider);
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        var request = Record(contact.Id, InteractionType.Custom, customType: "webinar_attended");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.Interactions.RecordInteractionAsync(request).ResponseAsync));
        var again = (await host.Interactions.RecordInteractionAsync(request)).Interaction;

        Assert.Single(attempts.Select(a => a.Interaction.Id).Append(again.Id).Distinct());
        Assert.Equal("webinar_attended", again.CustomType);
        var id = Guid.Parse(contact.Id);
        Assert.Equal(1, await host.QueryAsync(db => db.Interactions.CountAsync(i => i.ContactId == id)));
        Assert.Equal(1, await host.QueryAsync(db => db.Contacts.Where(c => c.Id == id).Select(c => c.Activity.InteractionCount).SingleAsync()));
    }

    [Fact]
    public async Task Invalid_interactions_fail_with_field_violations()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;

        await RpcAssert.InvalidFieldAsync("interaction.score", () => host.Interactions.RecordInteractionAsync(Record(contact.Id, InteractionType.Nps, score: 11)).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("interaction.score", () => host.Interactions.RecordInteractionAsync(Record(contact.Id, InteractionType.Nps)).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("interaction.custom_type", () => host.Interactions.RecordInteractionAsync(Record(contact.Id, InteractionType.Custom)).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("interaction.type", () => host.Interactions.RecordInteractionAsync(Record(contact.Id, InteractionType.Unspecified)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => host.Interactions.RecordInteractionAsync(Record(Guid.NewGuid().ToString(), InteractionType.PageView)).ResponseAsync);
        Assert.Equal("awareness", (await host.Contacts.GetContactAsync(new() { Id = contact.Id })).Contact.Stage);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_interaction_restarts_the_inactivity_window(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await ContactsHost.StartAsync(infrastructure, provider, b => b.Services.AddSingleton<TimeProvider>(clock));
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        await host.Lifecycle.MoveContactStageAsync(new() { ContactId = contact.Id, ToStage = "purchase", Reason = "offline sale", Actor = "pos" });

        clock.Advance(TimeSpan.FromDays(50));
        await host.Interactions.RecordInteractionAsync(Record(contact.Id, InteractionType.SupportTicket, occurredAt: clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await SweepAsync(host));
        clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, await SweepAsync(host));

        Assert.Equal("at_risk", (await host.Contacts.GetContactAsync(new() { Id = contact.Id })).Contact.Stage);
    }

    private static RecordInteractionRequest Record(
        string contactId, InteractionType type, int? score = null, string? customType = null, string? detail = null, DateTimeOffset? occurredAt = null)
    {
        var interaction = new Interaction { ContactId = contactId, Type = type, CustomType = customType ?? "", Detail = detail ?? "" };
        if (score is { } value)
        {
            interaction.Score = value;
        }
        if (occurredAt is { } at)
        {
            interaction.OccurTime = Timestamp.FromDateTimeOffset(at);
        }
        return new RecordInteractionRequest { Interaction = interaction, RequestId = Guid.NewGuid().ToString() };
    }

    private static async Task<int> SweepAsync(ContactsHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InactivitySweep>().RunOnceAsync(CancellationToken.None);
    }
}
