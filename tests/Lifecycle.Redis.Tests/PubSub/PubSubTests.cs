using System.Collections.Concurrent;
using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.PubSub;

public sealed class PubSubTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Subscriber_receives_binary_messages_in_publish_order()
    {
        var received = new ConcurrentQueue<byte[]>();
        await fixture.Connection.GetSubscriber().SubscribeAsync("orders", (_, message) => received.Enqueue((byte[])message!));
        byte[][] sent = [[0, 255, 13, 10], [], [1, 2, 3]];

        foreach (var message in sent)
        {
            Assert.Equal(1, await fixture.Database.PublishAsync("orders", message));
        }

        await Eventually.TrueAsync(() => received.Count == 3, Within, "three messages delivered");
        Assert.Equal(sent, received.ToArray());
    }

    [Fact]
    public async Task Pattern_subscription_reports_the_concrete_channel()
    {
        var received = new ConcurrentQueue<(string Channel, string Message)>();
        await fixture.Connection.GetSubscriber().SubscribeAsync(RedisChannel.Pattern("snapshot:*"), (channel, message) => received.Enqueue((channel.Name, message.ToString()!)));

        await fixture.Database.PublishAsync("snapshot:42", "changed");

        await Eventually.TrueAsync(() => !received.IsEmpty, Within, "pattern message delivered");
        Assert.Equal(("snapshot:42", "changed"), received.Single());
    }

    [Fact]
    public async Task Unsubscribe_stops_delivery_and_a_throwing_handler_does_not_stop_others()
    {
        var subscriber = fixture.Connection.GetSubscriber();
        var good = new ConcurrentQueue<string>();
        await subscriber.SubscribeAsync("mixed", (_, _) => throw new InvalidOperationException("handler bug"));
        await subscriber.SubscribeAsync("mixed", (_, message) => good.Enqueue(message.ToString()!));

        await fixture.Database.PublishAsync("mixed", "one");
        await Eventually.TrueAsync(() => good.Contains("one"), Within, "second handler still called");

        await subscriber.UnsubscribeAsync("mixed");

        Assert.Equal(0, await fixture.Database.PublishAsync("mixed", "two"));
    }
}
