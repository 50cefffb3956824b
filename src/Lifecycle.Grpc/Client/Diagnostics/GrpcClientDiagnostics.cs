using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace Lifecycle.Grpc.Client.Diagnostics;

/// <summary>Traces and metrics of outgoing calls, under the name "Lifecycle.Grpc.Client".</summary>
internal static class GrpcClientDiagnostics
{
    public const string Name = "Lifecycle.Grpc.Client";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("lifecycle.grpc.client.calls", "{call}", "Calls started.");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("lifecycle.grpc.client.failures", "{call}", "Calls that ended with a non-OK status.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("lifecycle.grpc.client.duration", "s", "Time from start to final status.");

    public static void CountCall(string methodFullName)
    {
        if (Calls.Enabled)
        {
            Calls.Add(1, new KeyValuePair<string, object?>("rpc.method", methodFullName));
        }
    }

    /// <summary>Starts the client span; null (and free) when nobody listens.</summary>
    public static Activity? StartActivity(string methodFullName)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = ActivitySource.StartActivity(methodFullName.TrimStart('/'), ActivityKind.Client);
        activity?.SetTag("rpc.system", "grpc");
        activity?.SetTag("rpc.method", methodFullName);
        return activity;
    }

    public static void EndCall(Activity? activity, string methodFullName, StatusCode code, long startTimestamp)
    {
        var method = new KeyValuePair<string, object?>("rpc.method", methodFullName);
        var status = new KeyValuePair<string, object?>("rpc.grpc.status_code", (int)code);
        if (code != StatusCode.OK && Failures.Enabled)
        {
            Failures.Add(1, method, status);
        }

        if (Duration.Enabled)
        {
            Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, method, status);
        }

        if (activity is not null)
        {
            activity.SetTag("rpc.grpc.status_code", (int)code);
            activity.SetStatus(code == StatusCode.OK ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            activity.Stop();
        }
    }
}
