using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace Lifecycle.Grpc.Server;

/// <summary>The "Lifecycle.Grpc.Server" ActivitySource and Meter; each costs nothing unless someone listens.</summary>
internal static class ServerTelemetry
{
    public const string Name = "Lifecycle.Grpc.Server";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> CallsStarted = Meter.CreateCounter<long>("grpc.server.calls.started", "{call}", "gRPC calls the server started handling.");
    private static readonly Counter<long> CallsFailed = Meter.CreateCounter<long>("grpc.server.calls.failed", "{call}", "gRPC calls that ended with a non-OK status.");
    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("grpc.server.call.duration", "s", "Duration of gRPC server calls.");

    /// <summary>Starts measuring a call; returns default when nobody listens, so the hot path allocates nothing.</summary>
    public static CallMeasurement Start(IMethod method)
    {
        var activity = ActivitySource.HasListeners() ? ActivitySource.StartActivity(method.FullName, ActivityKind.Internal) : null;
        if (activity is not null)
        {
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", method.ServiceName);
            activity.SetTag("rpc.method", method.Name);
        }

        if (CallsStarted.Enabled)
        {
            CallsStarted.Add(1, new KeyValuePair<string, object?>("rpc.method", method.FullName));
        }

        var timestamp = CallDuration.Enabled || CallsFailed.Enabled ? Stopwatch.GetTimestamp() : 0;
        return new CallMeasurement(activity, timestamp);
    }

    /// <summary>One call's activity and start time.</summary>
    public readonly record struct CallMeasurement(Activity? Activity, long StartTimestamp)
    {
        public void Stop(IMethod method, StatusCode statusCode)
        {
            if (Activity is not null)
            {
                Activity.SetTag("rpc.grpc.status_code", (int)statusCode);
                if (statusCode != StatusCode.OK)
                {
                    Activity.SetStatus(ActivityStatusCode.Error);
                }

                Activity.Dispose();
            }

            if (StartTimestamp == 0)
            {
                return;
            }

            var tags = new TagList { { "rpc.method", method.FullName }, { "rpc.grpc.status_code", (int)statusCode } };
            if (statusCode != StatusCode.OK)
            {
                CallsFailed.Add(1, tags);
            }

            CallDuration.Record(Stopwatch.GetElapsedTime(StartTimestamp).TotalSeconds, tags);
        }
    }
}
