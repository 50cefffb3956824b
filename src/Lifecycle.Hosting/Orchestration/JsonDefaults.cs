using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifecycle.Hosting.Orchestration;

/// <summary>camelCase, indented, enums as names: the shape tools and frontend developers read.</summary>
internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
