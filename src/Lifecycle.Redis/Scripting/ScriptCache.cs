using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Lifecycle.Redis.Scripting;

/// <summary>Remembers each script's SHA1 so it is sent by hash (EVALSHA) rather than as full text.</summary>
internal sealed class ScriptCache
{
    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);

    public string HashOf(string script) => _hashes.GetOrAdd(script, static text =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text))));
}
