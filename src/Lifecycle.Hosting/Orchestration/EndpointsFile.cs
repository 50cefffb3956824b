using System.Text.Json;

namespace Lifecycle.Hosting.Orchestration;

/// <summary>
/// .lifecycle/endpoints.json for tools and frontend developers:
/// {"contacts": {"state": "Healthy", "endpoints": {"grpc": "http://127.0.0.1:7101"}}, ...}. A resource the AppHost
/// gave up on also carries "failureReason", so scripts waiting for Healthy can stop waiting and say why.
/// </summary>
public static class EndpointsFile
{
    public const string FileName = "endpoints.json";

    /// <summary>One entry of the file (also what the file deserializes into).</summary>
    public sealed record Entry(ResourceState State, IReadOnlyDictionary<string, string> Endpoints, string? FailureReason = null);

    public static void Write(string path, IEnumerable<ResourceSnapshot> snapshots)
    {
        var entries = snapshots.ToDictionary(s => s.Name, s => new Entry(s.State, s.Endpoints, s.FailureReason));
        AtomicFile.Write(path, JsonSerializer.Serialize(entries, JsonDefaults.Indented));
    }

    public static IReadOnlyDictionary<string, Entry>? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(path), JsonDefaults.Indented);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
