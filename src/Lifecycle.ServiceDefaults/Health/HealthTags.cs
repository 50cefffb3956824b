namespace Lifecycle.ServiceDefaults.Health;

/// <summary>Tags and paths shared by every service's health checks.</summary>
public static class HealthTags
{
    /// <summary>Checks tagged "live" make up /alive: the process itself, never its dependencies.</summary>
    public const string Live = "live";

    /// <summary>Dependencies a service needs before taking traffic (database, cache, broker); /health runs every check.</summary>
    public const string Ready = "ready";

    public const string HealthPath = "/health";

    public const string AlivePath = "/alive";
}
