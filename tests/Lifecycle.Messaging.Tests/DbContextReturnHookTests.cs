using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.Persistence;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.Messaging.Tests.Infrastructure;
using Lifecycle.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Messaging.Tests;

/// <summary>
/// DbContextReturnHook: what keeps state per context is told when the context's use ends — a pooled context when EF
/// takes it back (not before, not only at its next rental), an unpooled one when it is disposed — and a pooled context
/// without the hook cannot be watched, rather than handing its state to the next renter.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class DbContextReturnHookTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_pooled_context_is_forgotten_each_time_it_goes_back_to_the_pool()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        await using var provider = Pooled(database, withHook: true);
        var owner = new RecordingOwner();
        DbContextId first;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            first = db.ContextId;
            DbContextReturnHook.Watch(db, owner);
            DbContextReturnHook.Watch(db, owner);
            await db.Customers.CountAsync();
            Assert.Empty(owner.Forgotten);
        }
        Assert.Equal([first.InstanceId], owner.Forgotten);

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            Assert.Equal(first.InstanceId, db.ContextId.InstanceId);
            Assert.Single(owner.Forgotten);
        }
        // Still watched in the next rental (the owners are the same for every rental), once each time.
        Assert.Equal([first.InstanceId, first.InstanceId], owner.Forgotten);
    }

    [Fact]
    public async Task An_unpooled_context_is_forgotten_when_it_is_disposed()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        var options = new DbContextOptionsBuilder<TestDbContext>();
        database.Configure(options);
        options.AddDbContextReturnHook();
        var owner = new RecordingOwner();
        Guid instance;

        await using (var db = new TestDbContext(options.Options))
        {
            instance = db.ContextId.InstanceId;
            DbContextReturnHook.Watch(db, owner);
            Assert.Empty(owner.Forgotten);
        }

        Assert.Contains(instance, owner.Forgotten);
    }

    [Fact]
    public async Task A_pooled_context_without_the_hook_cannot_be_watched_but_an_unpooled_one_can()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        await using var provider = Pooled(database, withHook: false);
        await using (var scope = provider.CreateAsyncScope())
        {
            var pooled = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            Assert.Throws<InvalidOperationException>(() => DbContextReturnHook.Watch(pooled, new RecordingOwner()));
        }

        // Nothing to hand on: its state goes with the instance.
        await using var unpooled = database.CreateContext();
        DbContextReturnHook.Watch(unpooled, new RecordingOwner());
    }

    [Fact]
    public async Task Publish_on_a_pooled_context_without_the_hook_throws_every_time_and_adds_no_row()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        await using var provider = Pooled(database, withHook: false);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        var publisher = new OutboxEventPublisher<TestDbContext>(db, TimeProvider.System, new OutboxCommitMarks<TestDbContext>());

        // Not only the first: a mark kept by a failed Publish would let the next ones through, and reach the next renter.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Throws<InvalidOperationException>(() => publisher.Publish(TestEvents.Paid()));
        }

        Assert.Empty(db.ChangeTracker.Entries<OutboxMessage>());
        Assert.Equal(0, await db.SaveChangesAsync());
        Assert.Equal(0, await db.Set<OutboxMessage>().CountAsync());
    }

    [Fact]
    public async Task Contexts_a_full_pool_does_not_keep_are_forgotten_when_disposed()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        await using var provider = Pooled(database, withHook: true, poolSize: 1);
        var owner = new RecordingOwner();
        Guid outer, inner;
        await using (var outerScope = provider.CreateAsyncScope())
        {
            var first = outerScope.ServiceProvider.GetRequiredService<TestDbContext>();
            outer = first.ContextId.InstanceId;
            DbContextReturnHook.Watch(first, owner);
            await using (var innerScope = provider.CreateAsyncScope())
            {
                // Rented while the first is out: the pool is empty, so EF builds another.
                var second = innerScope.ServiceProvider.GetRequiredService<TestDbContext>();
                inner = second.ContextId.InstanceId;
                Assert.NotEqual(outer, inner);
                DbContextReturnHook.Watch(second, owner);
            }
            // The pool kept the second (it had room): reset, so forgotten.
            Assert.Equal([inner], owner.Forgotten);
        }

        // The pool is full: EF disposes the first instead of keeping it, and the disposal forgets it too.
        Assert.Equal([inner, outer], owner.Forgotten);
        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.Equal(inner, scope.ServiceProvider.GetRequiredService<TestDbContext>().ContextId.InstanceId);
        }
    }

    [Fact]
    public async Task Option_sets_with_the_hook_share_one_internal_service_provider()
    {
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, postgres);
        // As AddDbContext's per-scope options do: the same configuration, built twice.
        await using var first = new TestDbContext(WithHook(database));
        await using var second = new TestDbContext(WithHook(database));

        Assert.NotSame(first.GetService<IDbContextOptions>(), second.GetService<IDbContextOptions>());
        Assert.Same(first.GetService<IServiceScopeFactory>(), second.GetService<IServiceScopeFactory>());
    }

    private static DbContextOptions<TestDbContext> WithHook(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<TestDbContext>();
        database.Configure(options);
        return (DbContextOptions<TestDbContext>)options.AddDbContextReturnHook().Options;
    }

    private static ServiceProvider Pooled(TestDatabase database, bool withHook, int poolSize = 1024)
    {
        var services = new ServiceCollection();
        services.AddDbContextPool<TestDbContext>(options =>
        {
            database.Configure(options);
            if (withHook)
            {
                options.AddDbContextReturnHook();
            }
        }, poolSize);
        return services.BuildServiceProvider();
    }

    /// <summary>The instances it was told to forget, in order.</summary>
    private sealed class RecordingOwner : IDbContextStateOwner
    {
        public List<Guid> Forgotten { get; } = [];

        public void Forget(DbContext context) => Forgotten.Add(context.ContextId.InstanceId);
    }
}
