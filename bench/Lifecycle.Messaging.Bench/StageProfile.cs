using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Lifecycle.Messaging.Telemetry;

namespace Lifecycle.Messaging.Bench;

/// <summary>
/// With --profile: listens to the library's own histograms and counters (inbox batch size and duration, batches
/// rolled back, relay pass phases) during one scenario and prints count, mean and max of each, so a slow stage can be
/// told apart into its parts without a profiler.
/// </summary>
public sealed class StageProfile : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, Summary> summaries = new(StringComparer.Ordinal);

    public StageProfile()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MessagingTelemetry.SourceName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = instrument.Name;
        foreach (var tag in tags)
        {
            name += $" {tag.Key}={tag.Value}";
        }
        summaries.GetOrAdd(name, _ => new Summary()).Add(value);
    }

    public void Print(string scenario)
    {
        foreach (var (name, summary) in summaries.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(summary.Describe(scenario, name));
        }
    }

    public void Dispose() => listener.Dispose();

    private sealed class Summary
    {
        private readonly Lock sync = new();
        private long count;
        private double sum;
        private double max;

        public void Add(double value)
        {
            lock (sync)
            {
                count++;
                sum += value;
                max = Math.Max(max, value);
            }
        }

        public string Describe(string scenario, string name)
        {
            lock (sync)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"[{scenario}] {name}: n={count} sum={sum:0} mean={(count == 0 ? 0 : sum / count):0.0} max={max:0.0}");
            }
        }
    }
}
