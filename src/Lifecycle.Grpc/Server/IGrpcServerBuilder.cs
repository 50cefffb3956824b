namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by AddGrpc so further gRPC server configuration can chain on it.</summary>
public interface IGrpcServerBuilder
{
    IServiceCollection Services { get; }
}
