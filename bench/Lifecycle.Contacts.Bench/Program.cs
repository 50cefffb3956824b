using Grpc.Net.Client;
using Lifecycle.Contacts.Bench;
using Lifecycle.Orders.Bench;

// Usage:
//   Lifecycle.Contacts.Bench request <contacts-url> <request-file>
//       creates a contact, warms its cached snapshot and writes a framed GetCustomerSnapshot request for h2load
//   Lifecycle.Contacts.Bench freshness <contacts-url> <amqp-url> [rate=500] [seconds=20] [contacts=200] [warm-up-seconds=10]
//       the first warm-up seconds of events (same rate) are published and watched but not in the percentiles
//       publishes OrderPaid events at a steady rate and measures event → snapshot visible through watchers
//   Lifecycle.Contacts.Bench capacity <contacts-url> <amqp-url> [events=5000] [contacts=200] [contacts-pid]
//       publishes the events at once and measures how fast they become visible, with the contacts process's CPU per event
if (args.Length < 3 || args[0] is not ("request" or "freshness" or "capacity"))
{
    Console.Error.WriteLine("usage: Lifecycle.Contacts.Bench request <contacts-url> <request-file>");
    Console.Error.WriteLine("       Lifecycle.Contacts.Bench freshness <contacts-url> <amqp-url> [rate] [seconds] [contacts]");
    Console.Error.WriteLine("       Lifecycle.Contacts.Bench capacity <contacts-url> <amqp-url> [events] [contacts] [contacts-pid]");
    return 2;
}

using var channel = GrpcChannel.ForAddress(args[1]);
if (args[0] == "request")
{
    var request = await CachedSnapshotRequest.WriteAsync(channel, args[2]);
    Console.WriteLine($"request for contact {request.ContactId} ({request.SnapshotBytes} snapshot bytes) written to {args[2]}");
    return 0;
}

if (args[0] == "capacity")
{
    return await CapacityRun.RunAsync(channel, new Uri(args[2]),
        events: args.Length > 3 ? int.Parse(args[3]) : 5000,
        contactCount: args.Length > 4 ? int.Parse(args[4]) : 200,
        contactsPid: args.Length > 5 ? int.Parse(args[5]) : null);
}

var rate = args.Length > 3 ? int.Parse(args[3]) : 500;
var seconds = args.Length > 4 ? int.Parse(args[4]) : 20;
var contactCount = args.Length > 5 ? int.Parse(args[5]) : 200;
// A freshly started service runs its first batches through the JIT and cold pools: the goal is about the steady state,
// so, like h2load's --warm-up-time, the first seconds are driven at the same rate but reported apart.
var warmUp = args.Length > 6 ? int.Parse(args[6]) : 10;
var contacts = await BenchContacts.CreateAsync(channel, contactCount);
var result = await FreshnessRun.RunAsync(channel, new Uri(args[2]), contacts, rate, rate * (warmUp + seconds));
Console.WriteLine($"freshness: {result.Published} events in {result.PublishSeconds:F1} s ({result.Published / result.PublishSeconds:F0}/s offered), " +
    $"{result.Visible.Count} visible, {result.Lost} never visible, {result.PublishErrors} publish errors");

foreach (var line in result.Timeline())
{
    Console.Error.WriteLine($"freshness {line}");
}
Report.Line("events_published", result.Published);
Report.Line("offered_per_s", result.Published / result.PublishSeconds);
Report.Line("publish_errors", result.PublishErrors);
Report.Line("visible", result.Visible.Count);
Report.Line("never_visible", result.Lost);
var (warming, measured) = result.Split(warmUp);
Report.Line("measured_events", measured.Count);
Report.Line("freshness_p50_ms", Percentiles.Of(measured, 50));
Report.Line("freshness_p95_ms", Percentiles.Of(measured, 95));
Report.Line("freshness_p99_ms", Percentiles.Of(measured, 99));
Report.Line("freshness_max_ms", Percentiles.Of(measured, 100));
if (warmUp > 0)
{
    Report.Line("warm_up_p95_ms", Percentiles.Of(warming, 95));
    Report.Line("warm_up_max_ms", Percentiles.Of(warming, 100));
}
return result.Lost == 0 && result.PublishErrors == 0 ? 0 : 1;
