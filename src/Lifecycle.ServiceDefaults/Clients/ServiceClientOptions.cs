using System.ComponentModel.DataAnnotations;

namespace Lifecycle.ServiceDefaults.Clients;

/// <summary>Defaults for outgoing gRPC calls to other services (configuration section "ServiceClients").</summary>
public sealed class ServiceClientOptions
{
    public const string Section = "ServiceClients";

    /// <summary>Deadline of a call whose caller set none, covering all its retries (DESIGN.md: every call has one).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt of an idempotent call that failed with UNAVAILABLE.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; later ones grow exponentially, with jitter so replicas do not retry in lockstep.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
