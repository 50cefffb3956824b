using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lifecycle.Redis.Diagnostics;

/// <summary>Commands, errors and latency of one connection, published on the <c>Lifecycle.Redis</c> meter.</summary>
internal sealed class RedisMetrics(RedisConnectionOptions options)
{
    /// <summary>The meter name to enable in OpenTelemetry (<c>AddMeter("Lifecycle.Redis")</c>).</summary>
    public const string MeterName = "Lifecycle.Redis";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> CommandCount = Meter.CreateCounter<long>("redis.client.commands", "{command}", "Commands that completed (successfully or not).");
    private static readonly Counter<long> ErrorCount = Meter.CreateCounter<long>("redis.client.errors", "{command}", "Commands that failed, by error.type (server, timeout, connection).");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("redis.client.duration", "ms", "Time from sending a command to its reply.");

    private readonly KeyValuePair<string, object?> _address = new("server.address", options.Host);
    private readonly KeyValuePair<string, object?> _port = new("server.port", options.Port);

    public void Completed(string command, long startTimestamp, string? errorType)
    {
        if (!CommandCount.Enabled && !Duration.Enabled && !ErrorCount.Enabled)
        {
            return;
        }

        var tags = new TagList { { "db.operation.name", command }, _address, _port };
        CommandCount.Add(1, tags);
        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tags);
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
            ErrorCount.Add(1, tags);
        }
    }
}
