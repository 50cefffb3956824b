using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Lifecycle.Grpc.Server;

/// <summary>Builds a call's <see cref="AuthContext"/> from the TLS client certificate, as grpc-dotnet names its properties.</summary>
internal static class AuthContextFactory
{
    private const string TransportSecurityType = "transport_security_type";
    private const string CommonName = "x509_common_name";
    private const string SubjectAlternativeName = "x509_subject_alternative_name";

    public static AuthContext Create(ConnectionInfo connection)
    {
        var properties = new Dictionary<string, List<AuthProperty>>(StringComparer.Ordinal);
        var certificate = connection.ClientCertificate;
        if (certificate is null)
        {
            return new AuthContext(null, properties);
        }

        Add(properties, TransportSecurityType, "ssl");
        var commonName = certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false);
        if (!string.IsNullOrEmpty(commonName))
        {
            Add(properties, CommonName, commonName);
        }

        var dnsName = certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.DnsName, false);
        if (!string.IsNullOrEmpty(dnsName))
        {
            Add(properties, SubjectAlternativeName, dnsName);
        }

        return new AuthContext(properties.ContainsKey(CommonName) ? CommonName : null, properties);
    }

    private static void Add(Dictionary<string, List<AuthProperty>> properties, string name, string value)
    {
        if (!properties.TryGetValue(name, out var list))
        {
            properties[name] = list = [];
        }

        list.Add(AuthProperty.Create(name, System.Text.Encoding.UTF8.GetBytes(value)));
    }
}
