using Microsoft.Extensions.Configuration;

namespace Lifecycle.Grpc.Client.ClientFactory;

/// <summary>Finds a service's address the way Aspire injects it: services__{name}__{endpoint}__0.</summary>
internal static class ServiceAddressResolver
{
    // The dedicated gRPC endpoint wins; plain http (h2c) and https endpoints are the fallbacks, in that order.
    private static readonly string[] EndpointNames = ["grpc", "http", "https"];

    public static Uri? TryResolve(IConfiguration? configuration, string serviceName)
    {
        if (configuration is null)
        {
            return null;
        }

        foreach (var endpoint in EndpointNames)
        {
            var value = configuration[$"services:{serviceName}:{endpoint}:0"];
            if (!string.IsNullOrWhiteSpace(value))
            {
                return Uri.TryCreate(value, UriKind.Absolute, out var address)
                    ? address
                    : throw new InvalidOperationException($"Configuration \"services:{serviceName}:{endpoint}:0\" is not an absolute URI: \"{value}\".");
            }
        }

        return null;
    }

    public static InvalidOperationException Missing(string serviceName) => new(
        $"No address for gRPC client \"{serviceName}\": set GrpcClientFactoryOptions.Address, or configuration " +
        $"\"services:{serviceName}:grpc:0\" (environment variable services__{serviceName}__grpc__0).");
}
