using Google.Protobuf.WellKnownTypes;
using Lifecycle.Grpc.RichErrors;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Analytics;

/// <summary>Field checks of the analytics calls; every problem becomes one field violation under its request path.</summary>
public static class AnalyticsRequests
{
    /// <summary>Clients' clocks drift; a little future is tolerated, more would silently show today's funnel as a forecast.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    // The range google.protobuf.Timestamp allows: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    /// <summary>The funnel's instant: the request's, or now when it has none.</summary>
    public static DateTime AsOf(Api.GetStageFunnelRequest request, DateTime now)
    {
        if (request.AsOfTime is null)
        {
            return now;
        }
        var asOf = ToUtc(request.AsOfTime);
        RpcExceptions.BadRequest()
            .AddViolationIf(asOf is null, "as_of_time", "is not a valid timestamp")
            .AddViolationIf(asOf > now + MaxClockSkew, "as_of_time", "must not be in the future")
            .ThrowIfAny();
        return asOf!.Value;
    }

    public static ReportPeriod Period(Api.AnalyticsPeriod? period) => Period(period, RpcExceptions.BadRequest());

    public static (ReportPeriod Period, Api.AcquisitionGroupBy GroupBy) Acquisition(Api.GetAcquisitionReportRequest request)
    {
        var errors = RpcExceptions.BadRequest()
            .AddViolationIf(!System.Enum.IsDefined(request.GroupBy), "group_by", "must be ACQUISITION_GROUP_BY_SOURCE, _CHANNEL or _CAMPAIGN");
        var period = Period(request.Period, errors);
        var groupBy = request.GroupBy == Api.AcquisitionGroupBy.Unspecified ? Api.AcquisitionGroupBy.Source : request.GroupBy;
        return (period, groupBy);
    }

    /// <summary>Validates the period together with the violations already in <paramref name="errors"/>, so one reply lists them all.</summary>
    private static ReportPeriod Period(Api.AnalyticsPeriod? period, BadRequestBuilder errors)
    {
        if (period is null)
        {
            errors.AddViolation("period", "is required: start_time and end_time").ThrowIfAny();
        }
        var start = Endpoint(period!.StartTime, "period.start_time", errors);
        var end = Endpoint(period.EndTime, "period.end_time", errors);
        if (start is { } from && end is { } to)
        {
            errors
                .AddViolationIf(to <= from, "period.end_time", "must be after period.start_time")
                .AddViolationIf(to - from > ReportPeriod.MaxLength, "period", "must span at most 1096 days (three years)");
        }
        errors.ThrowIfAny();
        return new ReportPeriod(start!.Value, end!.Value);
    }

    private static DateTime? Endpoint(Timestamp? timestamp, string field, BadRequestBuilder errors)
    {
        if (timestamp is null)
        {
            errors.AddViolation(field, "is required");
            return null;
        }
        var utc = ToUtc(timestamp);
        errors.AddViolationIf(utc is null, field, "is not a valid timestamp");
        return utc;
    }

    /// <summary>The timestamp cut to microseconds (what the databases store), or null when it is out of range.</summary>
    private static DateTime? ToUtc(Timestamp timestamp)
    {
        if (timestamp.Nanos is < 0 or >= 1_000_000_000 || timestamp.Seconds is < MinSeconds or > MaxSeconds)
        {
            return null;
        }
        var at = timestamp.ToDateTime();
        return new DateTime(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);
    }
}
