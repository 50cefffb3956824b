using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Lifecycle.Grpc.RichErrors;
using Microsoft.Extensions.Options;

namespace Lifecycle.Orders;

/// <summary>
/// Opaque list page tokens: an offset bound to the list's filters and signed with HMAC-SHA256, so a client can neither
/// forge an offset nor reuse a token with other filters. Any tampering fails with INVALID_ARGUMENT on page_token.
/// </summary>
public sealed class PageTokens(IOptions<OrdersOptions> options)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(options.Value.PageTokenKey);

    public string Create(int offset, string filters)
    {
        var payload = Encoding.UTF8.GetBytes($"{offset}|{filters}");
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>The offset a token stands for; 0 for an empty token.</summary>
    public int ReadOffset(string token, string filters)
    {
        if (token.Length == 0)
        {
            return 0;
        }
        var parts = token.Split('.');
        if (parts.Length != 2 || !TryDecode(parts[0], out var payload) || !TryDecode(parts[1], out var signature)
            || !CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload)))
        {
            throw RpcExceptions.InvalidArgument("page_token", "is not a token this service issued");
        }
        var text = Encoding.UTF8.GetString(payload);
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(text[..separator], out var offset) || offset < 0 || text[(separator + 1)..] != filters)
        {
            throw RpcExceptions.InvalidArgument("page_token", "belongs to a list call with other filters");
        }
        return offset;
    }

    public static int PageSize(int requested, BadRequestBuilder errors)
    {
        errors.AddViolationIf(requested is < 0 or > 200, "page_size", "must be between 0 and 200");
        return requested == 0 ? 50 : requested;
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return bytes.Length > 0;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
