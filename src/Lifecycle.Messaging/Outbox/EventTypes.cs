using System.Collections.Frozen;
using Lifecycle.Contracts.Events;

namespace Lifecycle.Messaging.Outbox;

/// <summary>
/// Maps outbox type names back to the shared event records. Only concrete IntegrationEvent records in
/// Lifecycle.Contracts qualify: one shared definition per event, never a service-local copy.
/// </summary>
internal static class EventTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = typeof(IntegrationEvent).Assembly
        .GetTypes()
        .Where(t => t.IsSubclassOf(typeof(IntegrationEvent)) && !t.IsAbstract)
        .ToFrozenDictionary(t => t.FullName!);

    public static string NameOf(Type type) =>
        ByName.ContainsKey(type.FullName ?? "")
            ? type.FullName!
            : throw new ArgumentException($"{type} is not an integration event record of Lifecycle.Contracts.Events", nameof(type));

    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"Outbox row names unknown event type '{name}'");
}
