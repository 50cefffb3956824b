using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Lifecycle.Grpc.Bench;
using Microsoft.Extensions.Hosting;

// Modes (bench/grpc.sh drives them):
//   serve grpc|bare PORT          run a server until stdin closes or SIGTERM
//   request echo|expand FILE      write a pre-framed request body for h2load -d
//   load ours|raw URL SECONDS N   drive unary echo from N concurrent callers
//   allocations                   BenchmarkDotNet: bytes allocated per unary call (client+server, and server only)
//   profile bare|ours|client N    N sequential calls in-process: bytes and CPU per call, top allocated types
switch (args.FirstOrDefault())
{
    case "serve":
        var port = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var app = args[1] == "grpc" ? BenchServers.CreateGrpc(port) : BenchServers.CreateBare(port);
        await app.StartAsync();
        Console.WriteLine($"listening on {port}");
        await app.WaitForShutdownAsync();
        return 0;
    case "request":
        await File.WriteAllBytesAsync(args[2], args[1] == "echo" ? EchoPayloads.FramedEchoRequest : EchoPayloads.FramedExpandRequest);
        return 0;
    case "load":
        var address = new Uri(args[2]);
        var duration = TimeSpan.FromSeconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        var concurrency = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
        var result = args[1] == "ours"
            ? await ClientLoad.RunOursAsync(address, concurrency, duration)
            : await ClientLoad.RunRawAsync(address, concurrency, duration);
        Console.WriteLine($"{args[1]}: {result}");
        Console.WriteLine($"RPS {result.RequestsPerSecond:F0}");
        return 0;
    case "allocations":
        // In-process: the servers live in this process too, and no separate benchmark project needs building.
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkRunner.Run<ServerAllocationBenchmarks>(config);
        BenchmarkRunner.Run<AllocationBenchmarks>(config);
        return 0;
    case "profile":
        await AllocationProfile.RunAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    default:
        Console.Error.WriteLine("usage: serve grpc|bare PORT | request echo|expand FILE | load ours|raw URL SECONDS N | allocations | profile bare|ours|client N");
        return 2;
}
