namespace Lifecycle.Hosting.Health;

/// <summary>One readiness check against a running resource; false (not an exception) when not ready.</summary>
public interface IHealthProbe
{
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
