namespace Grpc.Core;

/// <summary>Whether a channel talks TLS or plaintext, optionally with call credentials for every call.</summary>
public abstract class ChannelCredentials
{
    /// <summary>Plaintext HTTP/2 (h2c) with prior knowledge; for http:// addresses.</summary>
    public static ChannelCredentials Insecure { get; } = new TransportCredentials(isSecure: false, callCredentials: null);

    /// <summary>TLS with the machine's trusted roots and ALPN h2; for https:// addresses.</summary>
    public static ChannelCredentials SecureSsl { get; } = new TransportCredentials(isSecure: true, callCredentials: null);

    internal abstract bool IsSecure { get; }

    /// <summary>Credentials applied to every call of the channel, before the call's own.</summary>
    internal abstract CallCredentials? CallCredentials { get; }

    /// <summary>Adds call credentials (e.g. a bearer token) to secure channel credentials.</summary>
    public static ChannelCredentials Create(ChannelCredentials channelCredentials, CallCredentials callCredentials)
    {
        ArgumentNullException.ThrowIfNull(channelCredentials);
        ArgumentNullException.ThrowIfNull(callCredentials);
        if (!channelCredentials.IsSecure)
        {
            // As in gRPC everywhere: tokens are never combined with a plaintext transport at the channel level.
            throw new ArgumentException("Call credentials can only be combined with secure channel credentials.", nameof(channelCredentials));
        }

        return new TransportCredentials(isSecure: true, callCredentials);
    }

    private sealed class TransportCredentials(bool isSecure, CallCredentials? callCredentials) : ChannelCredentials
    {
        internal override bool IsSecure { get; } = isSecure;

        internal override CallCredentials? CallCredentials { get; } = callCredentials;
    }
}
