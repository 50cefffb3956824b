using Grpc.Core;

namespace Lifecycle.Grpc.Testing.Echo;

/// <summary>Picks the request headers the echo service mirrors back: every key starting with "x-echo-".</summary>
public static class EchoMetadata
{
    /// <summary>The prefix of request headers that come back as response headers and trailers.</summary>
    public const string Prefix = "x-echo-";

    /// <summary>The request's "x-echo-" entries, in order (string and "-bin" alike).</summary>
    public static Metadata Select(Metadata requestHeaders)
    {
        var echoed = new Metadata();
        foreach (var entry in requestHeaders)
        {
            if (entry.Key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                echoed.Add(entry);
            }
        }

        return echoed;
    }
}
