using System.ComponentModel.DataAnnotations;

namespace Lifecycle.Orders;

/// <summary>Service settings bound from the "Orders" configuration section and validated at start.</summary>
public sealed class OrdersOptions
{
    public const string SectionName = "Orders";

    /// <summary>Signs list page tokens; every replica needs the same value so any replica accepts any token.</summary>
    [Required]
    [MinLength(16)]
    public string PageTokenKey { get; set; } = "";

    /// <summary>How long a cart with items may sit without activity or checkout before it counts as abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan AbandonedCartWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each replica looks for abandoned carts; replicas claim carts, so they never notify twice.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan AbandonedCartScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Disables the scan in processes that must not run it (tests that drive it by hand).</summary>
    public bool AbandonedCartScanEnabled { get; set; } = true;

    /// <summary>Carts claimed per query; the scan repeats until a batch comes back short.</summary>
    [Range(1, 10_000)]
    public int AbandonedCartBatchSize { get; set; } = 200;
}
