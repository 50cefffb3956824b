namespace Microsoft.AspNetCore.Builder;

/// <summary>Applies conventions (authorization, CORS, metadata) to every method endpoint of one mapped gRPC service.</summary>
public sealed class GrpcServiceEndpointConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
{
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in builders)
        {
            builder.Add(convention);
        }
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in builders)
        {
            builder.Finally(finallyConvention);
        }
    }
}
