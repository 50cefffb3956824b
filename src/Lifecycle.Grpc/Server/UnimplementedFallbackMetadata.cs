namespace Lifecycle.Grpc.Server;

/// <summary>Marks the endpoints that answer UNIMPLEMENTED for methods and services nobody mapped.</summary>
internal sealed class UnimplementedFallbackMetadata
{
    public static UnimplementedFallbackMetadata Instance { get; } = new();

    private UnimplementedFallbackMetadata()
    {
    }
}
