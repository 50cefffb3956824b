using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Tests.Client.Infrastructure;

namespace Lifecycle.Grpc.Tests.Client;

public sealed class DiagnosticsTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    private const string SourceName = "Lifecycle.Grpc.Client";

    [Fact]
    public async Task Failed_call_is_counted_timed_and_traced_with_its_status()
    {
        var measurements = new ConcurrentBag<(string Instrument, int? Status)>();
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SourceName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Add((instrument.Name, StatusOf(tags))));
        meterListener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Add((instrument.Name, StatusOf(tags))));
        meterListener.Start();
        var activities = new ConcurrentBag<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(activityListener);

        // DATA_LOSS is used by no other test, so concurrent tests cannot be mistaken for this call.
        await Assert.ThrowsAsync<RpcException>(() => server.CreateClient().EchoAsync(new EchoRequest { FailWithCode = (int)StatusCode.DataLoss }).ResponseAsync);

        var dataLoss = (int)StatusCode.DataLoss;
        Assert.Contains(("lifecycle.grpc.client.failures", dataLoss), measurements);
        Assert.Contains(("lifecycle.grpc.client.duration", dataLoss), measurements);
        Assert.Contains(measurements, m => m.Instrument == "lifecycle.grpc.client.calls");
        var activity = Assert.Single(activities, a => a.GetTagItem("rpc.grpc.status_code") is int code && code == dataLoss);
        Assert.Equal("lifecycle.testing.v1.EchoService/Echo", activity.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
    }

    private static int? StatusOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "rpc.grpc.status_code")
            {
                return (int?)tag.Value;
            }
        }

        return null;
    }
}
