using System.Diagnostics;
using Grpc.Net.Client;
using Lifecycle.Orders.Bench;

// Usage: Lifecycle.Orders.Bench <contacts-url> <orders-url> [seconds=20] [workers=16] [contacts=200] [sample-every=20]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Lifecycle.Orders.Bench <contacts-url> <orders-url> [seconds] [workers] [contacts] [sample-every]");
    return 2;
}

var duration = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 20);
var workers = args.Length > 3 ? int.Parse(args[3]) : 16;
var contactCount = args.Length > 4 ? int.Parse(args[4]) : 200;
var sampleEvery = args.Length > 5 ? int.Parse(args[5]) : 20;

using var contactsChannel = GrpcChannel.ForAddress(args[0]);
using var ordersChannel = GrpcChannel.ForAddress(args[1]);
var clients = new BenchClients(contactsChannel, ordersChannel);

var setup = await Setup.RunAsync(clients, contactCount);
Console.WriteLine($"setup: {setup.ContactIds.Count} contacts, product {setup.Sku}");

var baseline = await BaselineLoad.RunAsync(clients, setup.Sku, workers, duration);
Console.WriteLine($"baseline GetProduct: {baseline.Calls} calls, {baseline.Errors} errors, {baseline.PerSecond:F1}/s");

var probe = new VisibilityProbe(clients);
var load = await CheckoutLoad.RunAsync(clients, setup, workers, duration, sampleEvery, probe);
Console.WriteLine($"checkout: {load.Units} units (add → checkout → pay), {load.Errors} errors, {load.PerSecond:F1}/s");

var drained = await probe.WaitForAllAsync(load.ExpectedRevenue, TimeSpan.FromSeconds(120));
var endToEnd = Stopwatch.GetElapsedTime(load.Started, drained.LastVisible);
var latencies = await probe.SampleLatenciesAsync();
Console.WriteLine($"end to end: {(drained.Missing == 0 ? "all visible" : $"{drained.Missing} contacts short")} after {endToEnd.TotalSeconds:F1} s");

Report.Line("baseline_rps", baseline.PerSecond);
Report.Line("baseline_errors", baseline.Errors);
Report.Line("units", load.Units);
Report.Line("unit_errors", load.Errors);
Report.Line("checkout_rps", load.PerSecond);
Report.Line("checkout_p50_ms", Percentiles.Of(load.CheckoutMillis, 50));
Report.Line("checkout_p95_ms", Percentiles.Of(load.CheckoutMillis, 95));
Report.Line("e2e_units_per_s", drained.Missing == 0 ? load.Units / endToEnd.TotalSeconds : 0);
Report.Line("drain_s", Stopwatch.GetElapsedTime(load.Finished, drained.LastVisible).TotalSeconds);
Report.Line("missing_contacts", drained.Missing);
Report.Line("visibility_samples", latencies.Count);
Report.Line("visibility_lost", load.Sampled - latencies.Count);
Report.Line("visibility_p50_ms", Percentiles.Of(latencies, 50));
Report.Line("visibility_p95_ms", Percentiles.Of(latencies, 95));
Report.Line("visibility_max_ms", Percentiles.Of(latencies, 100));
foreach (var (status, count) in load.ErrorsByStatus.Concat(baseline.ErrorsByStatus))
{
    Console.WriteLine($"error {status}: {count}");
}

return drained.Missing == 0 ? 0 : 1;
