using Grpc.Net.Compression;

namespace Lifecycle.Grpc.Protocol;

/// <summary>The compression providers known by default, and lookup by grpc-encoding name.</summary>
internal static class CompressionProviders
{
    public static IReadOnlyList<ICompressionProvider> Default { get; } = [new GzipCompressionProvider()];

    public static ICompressionProvider? Find(IEnumerable<ICompressionProvider> providers, string? name)
    {
        if (string.IsNullOrEmpty(name) || name == GrpcHeaders.IdentityEncoding)
        {
            return null;
        }

        foreach (var provider in providers)
        {
            if (string.Equals(provider.EncodingName, name, StringComparison.Ordinal))
            {
                return provider;
            }
        }

        return null;
    }

    /// <summary>The value for grpc-accept-encoding: identity plus every provider's name.</summary>
    public static string AcceptEncoding(IEnumerable<ICompressionProvider> providers) =>
        string.Join(',', new[] { GrpcHeaders.IdentityEncoding }.Concat(providers.Select(p => p.EncodingName)));
}
