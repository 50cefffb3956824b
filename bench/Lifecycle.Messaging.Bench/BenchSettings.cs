using System.Globalization;
using Lifecycle.Messaging.Configuration;
using Lifecycle.Messaging.Inbox;

namespace Lifecycle.Messaging.Bench;

/// <summary>One run's shape: how many events, how fast they are offered, and how they are committed.</summary>
/// <param name="InFlight">
/// Most units of work in flight at once (--in-flight, formerly --producers): like a service's concurrent requests,
/// each commits its own unit while the others are under way; a unit that finds all slots busy starts late, and its
/// latency still counts from when it was due.
/// </param>
/// <param name="Timeline">Print committed/relayed/applied per second while the scenario runs (--timeline).</param>
/// <param name="Profile">Print the library's batch and relay-phase measurements after each scenario (--profile).</param>
/// <param name="Overrides">Library settings for the outbox/inbox scenarios (--set Messaging:InboxBatchSize=16, repeatable).</param>
/// <param name="BatchSaving">How the inbox batches of the insert-only benchmark handler save (--batch-saving AfterEachMessage).</param>
/// <param name="Providers">The databases to run after the baseline (--provider sqlite|postgres; both by default).</param>
/// <param name="PooledContexts">AddServiceDbContext's pooled contexts, as the services run (--unpooled-contexts: a new context per scope, as before round 5).</param>
/// <param name="NpgsqlDefaults">AddServiceDbContext's Npgsql connection defaults (--no-npgsql-defaults: Npgsql's own, as before round 5).</param>
/// <param name="PostgresSettings">Npgsql connection string settings added for the PostgreSQL scenario (--pg-set Multiplexing=false, repeatable; --pg-pool N is --pg-set "Maximum Pool Size=N"), after the defaults are decided: a key set here wins.</param>
/// <param name="WarmUpEvents">Events offered at the run's rate before measuring, at least (--warmup-events N, default 10,000).</param>
/// <param name="WarmUpMaxEvents">Most events the warm-up offers while tiered compilation has not settled (--warmup-max-events N, default 120,000; see <see cref="WarmUp"/>).</param>
/// <param name="GateProducerWrites">
/// The producers' SQLite commits queue behind the library's write gate (SerializeSqliteWrites, the recommended
/// setting); --ungated-producers leaves them to SQLite's busy handler, as before the option existed.
/// </param>
public sealed record BenchSettings(int Events, int RatePerSecond, int InFlight, int EventsPerCommit, bool Timeline, bool Profile, InboxBatchSaving BatchSaving, string[] Providers, IReadOnlyDictionary<string, string?> Overrides, bool GateProducerWrites, bool PooledContexts = true, bool NpgsqlDefaults = true, int WarmUpEvents = 10_000, int WarmUpMaxEvents = 120_000, IReadOnlyList<string>? PostgresSettings = null)
{
    public static BenchSettings Parse(string[] args)
    {
        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        return new BenchSettings(Arg("--events", 20_000), Arg("--rate", 2_000), Arg("--in-flight", Arg("--producers", 64)), Arg("--per-commit", 1),
            args.Contains("--timeline"),
            args.Contains("--profile"),
            Array.IndexOf(args, "--batch-saving") is var b and >= 0 && b + 1 < args.Length ? Enum.Parse<InboxBatchSaving>(args[b + 1]) : InboxBatchSaving.OncePerBatch,
            Array.IndexOf(args, "--provider") is var p and >= 0 && p + 1 < args.Length ? [args[p + 1]] : ["sqlite", "postgres"],
            args.Zip(args.Skip(1)).Where(pair => pair.First == "--set").Select(pair => pair.Second.Split('=', 2))
                .ToDictionary(kv => kv[0], kv => (string?)kv[1]),
            !args.Contains("--ungated-producers"),
            !args.Contains("--unpooled-contexts"),
            !args.Contains("--no-npgsql-defaults"),
            Arg("--warmup-events", 10_000),
            Arg("--warmup-max-events", 120_000),
            args.Zip(args.Skip(1)).Where(pair => pair.First == "--pg-set").Select(pair => pair.Second)
                .Concat(Arg("--pg-pool", 0) is > 0 and var pool ? [$"Maximum Pool Size={pool}"] : []).ToList());
    }

    /// <summary>The consumer queue settings every scenario uses, the baseline included: the library's defaults unless overridden.</summary>
    public int ConcurrentMessageLimit => Setting(nameof(MessagingOptions.ConcurrentMessageLimit), new MessagingOptions().ConcurrentMessageLimit);

    public int PrefetchCount => Setting(nameof(MessagingOptions.PrefetchCount), new MessagingOptions().PrefetchCount);

    private int Setting(string key, int fallback) =>
        Overrides.TryGetValue($"{MessagingOptions.SectionName}:{key}", out var value) && value is not null
            ? int.Parse(value, CultureInfo.InvariantCulture)
            : fallback;

    public override string ToString() =>
        $"{Events} events after {WarmUpEvents}–{WarmUpMaxEvents} to warm up, offered at {(RatePerSecond == 0 ? "max" : $"{RatePerSecond}/s")}, up to {InFlight} units of work in flight, {EventsPerCommit} event(s) per commit, " +
        $"{string.Join(" and ", Providers)}, consumer {ConcurrentMessageLimit} concurrent / prefetch {PrefetchCount}, inbox batches saved {BatchSaving}, " +
        $"producer SQLite writes {(GateProducerWrites ? "gated" : "ungated")}{(PooledContexts ? ", pooled DbContexts" : ", a DbContext per scope")}{(NpgsqlDefaults ? "" : ", Npgsql's own connection defaults")}{string.Concat((PostgresSettings ?? []).Select(setting => $", PostgreSQL {setting}"))}{string.Concat(Overrides.Select(o => $", {o.Key}={o.Value}"))}";
}
