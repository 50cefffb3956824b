using Grpc.Core;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Analytics;

/// <summary>lifecycle.contacts.v1.LifecycleAnalyticsService: funnel, conversion and time in stage, churn, acquisition.</summary>
public sealed class LifecycleAnalyticsGrpcService(
    StageFunnelQuery funnel, StageConversionQuery conversion, ChurnReportQuery churn, AcquisitionReportQuery acquisition, TimeProvider time)
    : Api.LifecycleAnalyticsService.LifecycleAnalyticsServiceBase
{
    public override Task<Api.GetStageFunnelResponse> GetStageFunnel(Api.GetStageFunnelRequest request, ServerCallContext context) =>
        funnel.RunAsync(AnalyticsRequests.AsOf(request, time.UtcNowMicroseconds()), context.CancellationToken);

    public override Task<Api.GetStageConversionResponse> GetStageConversion(Api.GetStageConversionRequest request, ServerCallContext context) =>
        conversion.RunAsync(AnalyticsRequests.Period(request.Period), context.CancellationToken);

    public override Task<Api.GetChurnReportResponse> GetChurnReport(Api.GetChurnReportRequest request, ServerCallContext context) =>
        churn.RunAsync(AnalyticsRequests.Period(request.Period), context.CancellationToken);

    public override Task<Api.GetAcquisitionReportResponse> GetAcquisitionReport(Api.GetAcquisitionReportRequest request, ServerCallContext context)
    {
        var (period, groupBy) = AnalyticsRequests.Acquisition(request);
        return acquisition.RunAsync(period, groupBy, context.CancellationToken);
    }
}
