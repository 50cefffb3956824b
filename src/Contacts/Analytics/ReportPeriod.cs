namespace Lifecycle.Contacts.Analytics;

/// <summary>A validated half-open range [Start, End) in UTC at the databases' microsecond precision.</summary>
public sealed record ReportPeriod(DateTime Start, DateTime End)
{
    /// <summary>Three years, leap day included: long enough for year-over-year dashboards, short enough to bound a query.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(1096);
}
