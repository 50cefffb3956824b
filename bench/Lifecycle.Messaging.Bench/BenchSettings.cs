namespace Lifecycle.Messaging.Bench;

/// <summary>One run's shape: how many events, how fast they are offered, and how they are committed.</summary>
public sealed record BenchSettings(int Events, int RatePerSecond, int Producers, int EventsPerCommit)
{
    public static BenchSettings Parse(string[] args)
    {
        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        }
        return new BenchSettings(Arg("--events", 20_000), Arg("--rate", 2_000), Arg("--producers", 4), Arg("--per-commit", 1));
    }

    public override string ToString() =>
        $"{Events} events, offered at {(RatePerSecond == 0 ? "max" : $"{RatePerSecond}/s")}, {Producers} producers, {EventsPerCommit} event(s) per commit";
}
