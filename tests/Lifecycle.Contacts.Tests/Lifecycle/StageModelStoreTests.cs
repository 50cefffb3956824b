using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contacts.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Contacts.Tests.Lifecycle;

/// <summary>The stage model is read once per unit of work (an inbox batch, an API call) and a replacement is seen from the next one on.</summary>
[Collection(ContactsCollection.Name)]
public sealed class StageModelStoreTests(ContactsInfrastructure infrastructure)
{
    [Fact]
    public async Task A_replacement_is_seen_by_the_replacing_unit_of_work_at_once_and_by_every_later_one()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        await using var earlier = host.Services.CreateAsyncScope();
        var earlierStore = earlier.ServiceProvider.GetRequiredService<StageModelStore>();
        var (model, version) = await earlierStore.GetAsync(CancellationToken.None);
        Assert.Equal(0, version);
        var renamed = model with { Stages = [.. model.Stages.Select(s => s.Id == "awareness" ? s with { DisplayName = "Discovered us" } : s)] };

        await using (var replacing = host.Services.CreateAsyncScope())
        {
            var store = replacing.ServiceProvider.GetRequiredService<StageModelStore>();
            await store.GetAsync(CancellationToken.None);
            Assert.Equal(1, await store.ReplaceAsync(renamed, CancellationToken.None));
            var (seen, seenVersion) = await store.GetAsync(CancellationToken.None);
            Assert.Equal((1, "Discovered us"), (seenVersion, seen.Stages[0].DisplayName));
        }

        // The unit of work that read before the replacement keeps the model it started with.
        Assert.Equal(0, (await earlierStore.GetAsync(CancellationToken.None)).Version);
        await using var later = host.Services.CreateAsyncScope();
        var (current, currentVersion) = await later.ServiceProvider.GetRequiredService<StageModelStore>().GetAsync(CancellationToken.None);
        Assert.Equal((1, "Discovered us"), (currentVersion, current.Stages[0].DisplayName));
    }
}
