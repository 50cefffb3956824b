using Microsoft.Extensions.Options;

namespace Lifecycle.Contacts.Lifecycle;

/// <summary>Runs the inactivity sweep every interval on the one replica holding the "inactivity-sweep" lease.</summary>
public sealed class InactivityScheduler(IServiceScopeFactory scopes, IOptions<ContactsOptions> options, TimeProvider time, ILogger<InactivityScheduler> logger)
    : LeasedScheduler(scopes, time, logger)
{
    protected override string LeaseName => "inactivity-sweep";

    protected override TimeSpan Interval => options.Value.InactivitySweepInterval;

    protected override Task<int> RunPassAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<InactivitySweep>().RunOnceAsync(cancellationToken);
}
