using Lifecycle.Contacts.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Contacts.Segments;

/// <summary>Runs the segment sweep every interval on the one replica holding the "segment-sweep" lease.</summary>
public sealed class SegmentScheduler(IServiceScopeFactory scopes, IOptions<ContactsOptions> options, TimeProvider time, ILogger<SegmentScheduler> logger)
    : LeasedScheduler(scopes, time, logger)
{
    protected override string LeaseName => "segment-sweep";

    protected override TimeSpan Interval => options.Value.SegmentSweepInterval;

    protected override Task<int> RunPassAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<SegmentSweep>().RunOnceAsync(cancellationToken);
}
