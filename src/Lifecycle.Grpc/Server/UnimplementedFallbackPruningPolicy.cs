using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Lifecycle.Grpc.Server;

/// <summary>
/// Leaves the UNIMPLEMENTED fallbacks out of every routing node that also holds a mapped gRPC method. There the
/// method always wins (its literal route outranks the fallbacks' parameters), yet without this the matcher would
/// capture the fallbacks' route values on every call, allocating strings and a RouteValueDictionary for nothing.
/// Decided once when routing builds its tree; a call pays nothing.
/// </summary>
internal sealed class UnimplementedFallbackPruningPolicy : MatcherPolicy, INodeBuilderPolicy
{
    private static readonly object MethodsOnly = new();

    /// <summary>After the built-in policies (HTTP method, host, accepts): it prunes only within what they split.</summary>
    public override int Order => 1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        bool hasMethod = false, hasFallback = false;
        foreach (var endpoint in endpoints)
        {
            hasMethod |= endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null;
            hasFallback |= IsFallback(endpoint);
        }

        return hasMethod && hasFallback;
    }

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints) =>
        [new PolicyNodeEdge(MethodsOnly, [.. endpoints.Where(endpoint => !IsFallback(endpoint))])];

    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges) =>
        new SingleDestinationJumpTable(edges[0].Destination);

    private static bool IsFallback(Endpoint endpoint) => endpoint.Metadata.GetMetadata<UnimplementedFallbackMetadata>() is not null;

    private sealed class SingleDestinationJumpTable(int destination) : PolicyJumpTable
    {
        public override int GetDestination(HttpContext httpContext) => destination;
    }
}
