using System.Net.Http.Headers;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Lifecycle.Grpc.Protocol;

/// <summary>Converts between <see cref="Metadata"/> and HTTP/2 headers (base64 for "-bin" values).</summary>
internal static class MetadataHeaders
{
    // Protocol and connection headers that belong to the transport, never to the application's metadata.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "content-length", "te", "host", "connection", "keep-alive", "proxy-connection",
        "transfer-encoding", "upgrade", "accept-encoding", "content-encoding",
        GrpcHeaders.Status, GrpcHeaders.Message, GrpcHeaders.Timeout, GrpcHeaders.Encoding, GrpcHeaders.AcceptEncoding,
        "grpc-internal-encoding-request",
    };

    public static bool IsReserved(string key) => key.Length == 0 || key[0] == ':' || Reserved.Contains(key);

    /// <summary>The header pairs for <paramref name="metadata"/>, reserved keys left out.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ToHeaders(Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            if (IsReserved(entry.Key))
            {
                continue;
            }

            yield return new(entry.Key, EncodeValue(entry));
        }
    }

    public static string EncodeValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    public static Metadata FromHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            foreach (var value in values)
            {
                AddDecoded(metadata, key, value);
            }
        }

        return metadata;
    }

    public static Metadata FromHeaders(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers.NonValidated)
        {
            foreach (var value in values)
            {
                AddDecoded(metadata, key, value);
            }
        }

        return metadata;
    }

    /// <summary>Adds one header to <paramref name="metadata"/>; headers that cannot be metadata are skipped, not fatal.</summary>
    public static void AddDecoded(Metadata metadata, string key, string? value)
    {
        if (value is null || IsReserved(key) || !IsValidKey(key))
        {
            return;
        }

        var normalized = key.ToLowerInvariant();
        if (!Metadata.Entry.IsBinaryKey(normalized))
        {
            metadata.Add(normalized, value);
            return;
        }

        // Intermediaries may join repeated binary headers with commas; each part is its own base64 value.
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryDecodeBase64(part, out var bytes))
            {
                metadata.Add(normalized, bytes);
            }
        }
    }

    private static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        bytes = new byte[padded.Length * 3 / 4];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes.AsSpan(0, written).ToArray();
            return true;
        }

        return false;
    }

    private static bool IsValidKey(string key)
    {
        foreach (var c in key)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
