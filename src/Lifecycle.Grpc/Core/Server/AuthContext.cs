using System.Text;

namespace Grpc.Core;

/// <summary>One authentication property of a peer (e.g. its certificate's subject).</summary>
public sealed class AuthProperty(string name, byte[] valueBytes)
{
    public string Name { get; } = name;

    public byte[] ValueBytes => (byte[])valueBytes.Clone();

    public string Value => Encoding.UTF8.GetString(valueBytes);

    public static AuthProperty Create(string name, byte[] valueBytes) => new(name, (byte[])valueBytes.Clone());
}

/// <summary>What the transport knows about the authenticated peer.</summary>
public class AuthContext(string? peerIdentityPropertyName, Dictionary<string, List<AuthProperty>> properties)
{
    public string? PeerIdentityPropertyName { get; } = peerIdentityPropertyName;

    public bool IsPeerAuthenticated => PeerIdentityPropertyName is not null;

    public IEnumerable<AuthProperty> PeerIdentity => PeerIdentityPropertyName is null ? [] : FindPropertiesByName(PeerIdentityPropertyName);

    public IEnumerable<AuthProperty> Properties => properties.Values.SelectMany(p => p);

    public IEnumerable<AuthProperty> FindPropertiesByName(string propertyName) =>
        properties.TryGetValue(propertyName, out var found) ? found : [];
}
