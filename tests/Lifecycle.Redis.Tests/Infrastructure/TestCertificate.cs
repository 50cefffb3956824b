using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lifecycle.Redis.Tests.Infrastructure;

/// <summary>A throwaway self-signed certificate for 127.0.0.1/localhost, written as PEM files redis-server can load.</summary>
public sealed record TestCertificate(string CertificatePath, string KeyPath, string Thumbprint)
{
    public static TestCertificate WriteTo(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        var certificatePath = Path.Combine(directory, "redis.crt");
        var keyPath = Path.Combine(directory, "redis.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new TestCertificate(certificatePath, keyPath, certificate.Thumbprint);
    }
}
