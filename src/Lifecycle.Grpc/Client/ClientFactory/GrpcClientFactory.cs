namespace Grpc.Net.ClientFactory;

/// <summary>Creates gRPC clients registered with AddGrpcClient, by name.</summary>
public abstract class GrpcClientFactory
{
    /// <summary>Creates the client registered under <paramref name="name"/> (the type name when registered without one).</summary>
    public abstract TClient CreateClient<TClient>(string name)
        where TClient : class;
}
