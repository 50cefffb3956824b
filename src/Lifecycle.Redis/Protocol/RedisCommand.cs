using System.Text;

namespace Lifecycle.Redis.Protocol;

/// <summary>A command name with its RESP bulk-string encoding computed once.</summary>
internal sealed class RedisCommand
{
    public RedisCommand(string name)
    {
        Name = name;
        var ascii = Encoding.ASCII.GetBytes(name);
        Encoded = [.. Encoding.ASCII.GetBytes($"${ascii.Length}\r\n"), .. ascii, (byte)'\r', (byte)'\n'];
    }

    /// <summary>The name as sent, e.g. GET; also the metrics tag.</summary>
    public string Name { get; }

    /// <summary><c>$3\r\nGET\r\n</c>.</summary>
    public byte[] Encoded { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
