using System.Collections.Concurrent;
using Grpc.Core;

namespace Lifecycle.Orders.Bench;

/// <summary>Failed calls by gRPC status code; the load keeps going, the report shows them.</summary>
public sealed class ErrorCounts
{
    private readonly ConcurrentDictionary<string, int> byStatus = new();

    public int Total => byStatus.Values.Sum();

    public IReadOnlyDictionary<string, int> ByStatus => byStatus;

    public void Add(string call, RpcException error) =>
        byStatus.AddOrUpdate($"{call} {error.StatusCode} ({error.Status.Detail})", 1, (_, n) => n + 1);
}
