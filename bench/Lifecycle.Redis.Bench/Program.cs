using Lifecycle.Redis;
using Lifecycle.Redis.Bench;

// Usage: Lifecycle.Redis.Bench <host:port> [clients=64] [seconds=5] [pacedRate=20000]
var endpoint = args.Length > 0 ? args[0] : "127.0.0.1:6379";
var clients = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 64;
var seconds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
var pacedRate = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 20_000;

await using var connection = await RedisConnection.ConnectAsync(endpoint);
var db = connection.GetDatabase();
var duration = TimeSpan.FromSeconds(seconds);
byte[] value = "xxx"u8.ToArray(); // redis-benchmark's default 3-byte payload
await db.StringSetAsync("key:__rand_int__", value);

(string Name, Func<int, Task> Operation)[] operations =
[
    ("SET", _ => db.StringSetAsync("key:__rand_int__", value)),
    ("GET", _ => db.StringGetAsync("key:__rand_int__")),
];

// Warm both paths up first so neither is measured while the JIT still runs unoptimised code.
foreach (var (_, operation) in operations)
{
    await LoadRun.RunAsync(operation, clients, TimeSpan.FromSeconds(2));
}

foreach (var (name, operation) in operations)
{
    var serverBefore = await ServerCounters.ReadAsync(db);
    var load = await LoadRun.RunAsync(operation, clients, duration);
    var server = await ServerCounters.ReadAsync(db) - serverBefore;
    Console.WriteLine($"ours {name}: {load.RequestsPerSecond:0} requests per second ({clients} callers, one connection); " +
        $"per call: client CPU {load.CpuMicrosecondsPerCall:0.00} µs, {load.BytesAllocatedPerCall:0} bytes allocated, server CPU {server.Cpu.TotalMicroseconds / Math.Max(1, load.Calls):0.00} µs; " +
        $"{(double)server.Commands / Math.Max(1, server.Reads):0.0} commands per server read");
    var (rate, p50, p99, p999) = await PacedRun.RunAsync(operation, pacedRate, duration);
    Console.WriteLine($"ours {name} latency at a steady {rate:0} req/s: p50={p50:0.000} ms p99={p99:0.000} ms p99.9={p999:0.000} ms");
}
