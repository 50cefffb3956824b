using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Lifecycle.Grpc.Server;
using Lifecycle.Grpc.Testing.Echo;
using Lifecycle.Grpc.Testing.Server;
using Lifecycle.Grpc.Testing.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Lifecycle.Grpc.Tests.Server;

/// <summary>
/// Where a mapped method and the UNIMPLEMENTED fallbacks share a routing node, the fallbacks are left out (the method
/// always wins there, and capturing their route values would cost every call); everywhere else they stay.
/// </summary>
public sealed class UnimplementedFallbackPruningPolicyTests
{
    private static readonly Method<EchoRequest, EchoResponse> EchoMethod = new(
        MethodType.Unary, "lifecycle.testing.v1.EchoService", "Echo",
        Marshallers.Create(r => r.ToByteArray(), EchoRequest.Parser.ParseFrom),
        Marshallers.Create(r => r.ToByteArray(), EchoResponse.Parser.ParseFrom));

    private readonly UnimplementedFallbackPruningPolicy policy = new();

    [Fact]
    public void A_node_with_a_mapped_method_keeps_everything_but_the_fallbacks()
    {
        var method = Endpoint("/lifecycle.testing.v1.EchoService/Echo", new GrpcMethodMetadata(typeof(object), EchoMethod));
        var other = Endpoint("/lifecycle.testing.v1.EchoService/{anything}");
        var methodFallback = Endpoint("/lifecycle.testing.v1.EchoService/{unimplementedMethod}", UnimplementedFallbackMetadata.Instance);
        var serviceFallback = Endpoint("/{unimplementedService}/{unimplementedMethod}", UnimplementedFallbackMetadata.Instance);
        Endpoint[] node = [method, other, methodFallback, serviceFallback];

        Assert.True(policy.AppliesToEndpoints(node));
        var edge = Assert.Single(policy.GetEdges(node));
        Assert.Equal([method, other], edge.Endpoints);
    }

    [Fact]
    public void A_node_without_a_mapped_method_keeps_its_fallbacks()
    {
        Endpoint[] node =
        [
            Endpoint("/lifecycle.testing.v1.EchoService/{unimplementedMethod}", UnimplementedFallbackMetadata.Instance),
            Endpoint("/{unimplementedService}/{unimplementedMethod}", UnimplementedFallbackMetadata.Instance),
        ];

        Assert.False(policy.AppliesToEndpoints(node));
    }

    [Fact]
    public void Every_request_reaching_a_pruned_node_goes_to_its_one_edge()
    {
        var table = policy.BuildJumpTable(exitDestination: 1, [new PolicyJumpTableEdge(new object(), 7)]);

        Assert.Equal(7, table.GetDestination(new DefaultHttpContext()));
    }

    [Fact]
    public async Task With_the_policy_in_place_mapped_methods_are_served_and_unknown_ones_are_UNIMPLEMENTED()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new RawGrpcClient(http);

        var mapped = await client.UnaryAsync(EchoPaths.Echo, new EchoRequest { Text = "mapped" });
        var unknownMethod = await client.UnaryAsync("/lifecycle.testing.v1.EchoService/Shout", new EchoRequest());
        var unknownService = await client.UnaryAsync("/nobody.v1.Nothing/Call", new EchoRequest());

        Assert.Equal("mapped", Assert.Single(mapped.Messages(EchoResponse.Parser)).Text);
        Assert.Equal(12, unknownMethod.GrpcStatus);
        Assert.Equal(12, unknownService.GrpcStatus);
    }

    private static RouteEndpoint Endpoint(string pattern, params object[] metadata) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), order: 0, new EndpointMetadataCollection(metadata), pattern);
}
