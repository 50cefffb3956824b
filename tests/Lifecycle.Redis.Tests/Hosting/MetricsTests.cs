using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Lifecycle.Redis.Tests.Infrastructure;

namespace Lifecycle.Redis.Tests.Hosting;

public sealed class MetricsTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Commands_errors_and_latency_are_published_per_operation()
    {
        var measurements = new ConcurrentQueue<(string Instrument, string? Operation, string? ErrorType, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Lifecycle.Redis")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(all.GetValueOrDefault("server.port"), fixture.Server.Port))
            {
                measurements.Enqueue((instrument.Name, all.GetValueOrDefault("db.operation.name") as string, all.GetValueOrDefault("error.type") as string, value));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        await fixture.Database.StringSetAsync("metric", "x");
        await Assert.ThrowsAsync<RedisServerException>(() => fixture.Database.StringIncrementAsync("metric"));

        Assert.Contains(measurements, m => m is { Instrument: "redis.client.commands", Operation: "SET" });
        Assert.Contains(measurements, m => m is { Instrument: "redis.client.duration", Operation: "SET" } && m.Value >= 0);
        Assert.Contains(measurements, m => m is { Instrument: "redis.client.errors", Operation: "INCR", ErrorType: "server" });
        Assert.DoesNotContain(measurements, m => m is { Instrument: "redis.client.errors", Operation: "SET" });
    }
}
