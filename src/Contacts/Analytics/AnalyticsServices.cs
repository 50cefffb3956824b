namespace Lifecycle.Contacts.Analytics;

/// <summary>Registers the lifecycle analytics queries (one scoped instance per call, sharing the call's DbContext).</summary>
public static class AnalyticsServices
{
    public static IServiceCollection AddLifecycleAnalytics(this IServiceCollection services) => services
        .AddScoped<StageHistory>()
        .AddScoped<StageFunnelQuery>()
        .AddScoped<StageConversionQuery>()
        .AddScoped<ChurnReportQuery>()
        .AddScoped<AcquisitionReportQuery>();
}
