using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contacts.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Contacts.Tests.Lifecycle;

[Collection(ContactsCollection.Name)]
public sealed class InactivitySweepTests(ContactsInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Idle_customers_go_at_risk_then_churned_and_a_purchase_wins_them_back(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await ContactsHost.StartAsync(infrastructure, provider, b => b.Services.AddSingleton<TimeProvider>(clock));
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        await host.Lifecycle.MoveContactStageAsync(new() { ContactId = contact.Id, ToStage = "purchase", Reason = "offline sale", Actor = "pos" });

        clock.Advance(TimeSpan.FromDays(59));
        Assert.Equal(0, await SweepAsync(host));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await SweepAsync(host));
        Assert.Equal(0, await SweepAsync(host));
        clock.Advance(TimeSpan.FromDays(120));
        Assert.Equal(1, await SweepAsync(host));
        Assert.Equal("churned", (await host.Contacts.GetContactAsync(new() { Id = contact.Id })).Contact.Stage);

        await host.PublishAsync(OrderEvents.Paid(contact.Id) with { OccurredAt = clock.GetUtcNow() });
        await Eventually.UntilAsync(async () => (await host.Contacts.GetContactAsync(new() { Id = contact.Id })).Contact.Stage, s => s == "retention", "win-back");

        var history = (await host.Lifecycle.ListStageTransitionsAsync(new() { ContactId = contact.Id })).Transitions;
        Assert.Equal(["awareness", "purchase", "at_risk", "churned", "retention"], history.Select(t => t.ToStage));
        Assert.Equal("inactive-at-risk", history[2].RuleId);
        Assert.True(history[4].WinBack);
    }

    [Fact]
    public async Task Only_one_replica_holds_the_sweep_lease_until_it_expires()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var host = await ContactsHost.StartAsync(infrastructure, "Postgres", b => b.Services.AddSingleton<TimeProvider>(clock));
        async Task<bool> ClaimAsync(string holder)
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SchedulerLeases>().TryClaimAsync("sweep", holder, TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        var first = await Task.WhenAll(ClaimAsync("a"), ClaimAsync("b"));
        Assert.Single(first, won => won);
        var winner = first[0] ? "a" : "b";
        var loser = first[0] ? "b" : "a";
        Assert.True(await ClaimAsync(winner));
        Assert.False(await ClaimAsync(loser));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await ClaimAsync(loser));
        Assert.False(await ClaimAsync(winner));
    }

    private static async Task<int> SweepAsync(ContactsHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InactivitySweep>().RunOnceAsync(CancellationToken.None);
    }
}
