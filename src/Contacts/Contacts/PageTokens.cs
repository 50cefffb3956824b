using System.Security.Cryptography;
using System.Text;
using Lifecycle.Grpc.RichErrors;
using Microsoft.Extensions.Options;

namespace Lifecycle.Contacts.Contacts;

/// <summary>
/// Opaque page tokens: "offset.query-fingerprint" signed with HMAC-SHA256, so a client can neither forge an offset
/// nor reuse a token with other filters; any tampering fails with INVALID_ARGUMENT on page_token.
/// </summary>
public sealed class PageTokens(IOptions<ContactsOptions> options)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(options.Value.PageTokenKey);

    public string Create(int offset, string query)
    {
        var payload = Encoding.UTF8.GetBytes($"{offset}.{Fingerprint(query)}");
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>The offset a token stands for; 0 for an empty token.</summary>
    public int ReadOffset(string token, string query)
    {
        if (token.Length == 0)
        {
            return 0;
        }
        var parts = token.Split('.');
        if (parts.Length == 2 && TryDecode(parts[0], out var payload) && TryDecode(parts[1], out var signature)
            && CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload)))
        {
            var fields = Encoding.UTF8.GetString(payload).Split('.');
            if (fields.Length == 2 && int.TryParse(fields[0], out var offset) && offset >= 0 && fields[1] == Fingerprint(query))
            {
                return offset;
            }
            throw RpcExceptions.InvalidArgument("page_token", "belongs to a list call with other filters or order");
        }
        throw RpcExceptions.InvalidArgument("page_token", "is not a token this service issued");
    }

    private static string Fingerprint(string query) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(query)), 0, 8);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var written) && (bytes = bytes[..written]).Length > 0;
    }
}
