using System.Collections;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grpc.AspNetCore.HealthChecks;

/// <summary>The service names the health service answers for; a later Map of the same name replaces the earlier one.</summary>
public sealed class ServiceMappingCollection : IEnumerable<ServiceMapping>
{
    private readonly Dictionary<string, ServiceMapping> mappings = new(StringComparer.Ordinal)
    {
        [""] = new ServiceMapping("", _ => true),
    };

    public void Map(string name, Func<HealthCheckRegistration, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(predicate);
        mappings[name] = new ServiceMapping(name, predicate);
    }

    public bool Remove(string name) => mappings.Remove(name);

    public bool TryGet(string name, out ServiceMapping mapping) => mappings.TryGetValue(name, out mapping!);

    public IEnumerator<ServiceMapping> GetEnumerator() => mappings.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
