using System.Text.Json;

namespace Lifecycle.Messaging.Outbox;

/// <summary>The one serializer setting for outbox payloads, so what is written is exactly what is read back.</summary>
internal static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
