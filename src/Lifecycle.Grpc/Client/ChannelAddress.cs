using Grpc.Core;

namespace Lifecycle.Grpc.Client;

/// <summary>Checks that an address scheme and the channel credentials agree.</summary>
internal static class ChannelAddress
{
    public static ChannelCredentials ResolveCredentials(Uri address, ChannelCredentials? credentials)
    {
        var isHttps = address.Scheme == Uri.UriSchemeHttps;
        if (!isHttps && address.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"Address \"{address}\" must use http:// (h2c) or https:// (TLS).", nameof(address));
        }

        if (credentials is null)
        {
            return isHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
        }

        if (credentials.IsSecure != isHttps)
        {
            throw new InvalidOperationException($"Channel credentials ({(credentials.IsSecure ? "secure" : "insecure")}) do not match the address scheme of \"{address}\".");
        }

        return credentials;
    }
}
