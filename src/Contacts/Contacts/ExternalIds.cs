using System.Text.Json;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Contacts;

/// <summary>Stores a contact's external ids as one JSON column (they are never queried one by one).</summary>
public static class ExternalIds
{
    private sealed record Entry(string System, string Value);

    public static string ToJson(IEnumerable<Api.ExternalId> ids) =>
        JsonSerializer.Serialize(ids.Select(i => new Entry(i.System, i.Value)).ToList(), JsonSerializerOptions.Web);

    public static IEnumerable<Api.ExternalId> FromJson(string json) =>
        (JsonSerializer.Deserialize<List<Entry>>(json, JsonSerializerOptions.Web) ?? [])
            .Select(e => new Api.ExternalId { System = e.System, Value = e.Value });
}
