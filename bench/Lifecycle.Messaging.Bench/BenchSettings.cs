using Lifecycle.Messaging.Inbox;

namespace Lifecycle.Messaging.Bench;

/// <summary>One run's shape: how many events, how fast they are offered, and how they are committed.</summary>
/// <param name="Timeline">Print committed/relayed/applied per second while the scenario runs (--timeline).</param>
/// <param name="Profile">Print the library's batch and relay-phase measurements after each scenario (--profile).</param>
/// <param name="Overrides">Library settings for the outbox/inbox scenarios (--set Messaging:InboxBatchSize=16, repeatable).</param>
/// <param name="BatchSaving">How the inbox batches of the insert-only benchmark handler save (--batch-saving AfterEachMessage).</param>
/// <param name="Providers">The databases to run after the baseline (--provider sqlite|postgres; both by default).</param>
public sealed record BenchSettings(int Events, int RatePerSecond, int Producers, int EventsPerCommit, bool Timeline, bool Profile, InboxBatchSaving BatchSaving, string[] Providers, IReadOnlyDictionary<string, string?> Overrides)
{
    public static BenchSettings Parse(string[] args)
    {
        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        }
        return new BenchSettings(Arg("--events", 20_000), Arg("--rate", 2_000), Arg("--producers", 4), Arg("--per-commit", 1),
            args.Contains("--timeline"),
            args.Contains("--profile"),
            Array.IndexOf(args, "--batch-saving") is var b and >= 0 && b + 1 < args.Length ? Enum.Parse<InboxBatchSaving>(args[b + 1]) : InboxBatchSaving.OncePerBatch,
            Array.IndexOf(args, "--provider") is var p and >= 0 && p + 1 < args.Length ? [args[p + 1]] : ["sqlite", "postgres"],
            args.Zip(args.Skip(1)).Where(pair => pair.First == "--set").Select(pair => pair.Second.Split('=', 2))
                .ToDictionary(kv => kv[0], kv => (string?)kv[1]));
    }

    public override string ToString() =>
        $"{Events} events, offered at {(RatePerSecond == 0 ? "max" : $"{RatePerSecond}/s")}, {Producers} producers, {EventsPerCommit} event(s) per commit, {string.Join(" and ", Providers)}, inbox batches saved {BatchSaving}{string.Concat(Overrides.Select(o => $", {o.Key}={o.Value}"))}";
}
