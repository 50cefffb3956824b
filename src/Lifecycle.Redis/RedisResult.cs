using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Lifecycle.Redis;

/// <summary>One reply from the server, as parsed from RESP2 or RESP3.</summary>
public readonly struct RedisResult
{
    // byte[] for bulk strings, string for simple strings and errors (immutable, so "OK" can be shared), RedisResult[] for aggregates.
    private readonly object? _payload;
    private readonly long _integer;

    internal RedisResult(RedisResultType type, object? payload, long integer = 0) =>
        (Type, _payload, _integer) = (type, payload, integer);

    /// <summary>What kind of reply this is.</summary>
    public RedisResultType Type { get; }

    /// <summary>True for nil (RESP2 null bulk/array, RESP3 null).</summary>
    public bool IsNull => Type == RedisResultType.Null;

    /// <summary>True when the server answered with an error.</summary>
    public bool IsError => Type == RedisResultType.Error;

    /// <summary>The error message of an error reply.</summary>
    public string? ErrorMessage => _payload as string;

    /// <summary>The elements of an array, set, map (flattened key, value, ...) or push reply.</summary>
    public IReadOnlyList<RedisResult> Items => _payload as RedisResult[] ?? [];

    /// <summary>The integer of an integer or boolean reply, or a numeric string parsed.</summary>
    public long AsInt64() => Type switch
    {
        RedisResultType.Integer or RedisResultType.Boolean => _integer,
        RedisResultType.SimpleString => long.Parse((string)_payload!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        RedisResultType.BulkString or RedisResultType.BigNumber
            when Utf8Parser.TryParse((byte[])_payload!, out long parsed, out var used) && used == ((byte[])_payload!).Length => parsed,
        _ => throw new InvalidCastException($"Cannot read a {Type} reply as an integer."),
    };

    /// <summary>The reply as a value: bytes for strings, digits for integers, <see cref="RedisValue.Null"/> for nil.</summary>
    public RedisValue AsValue() => Type switch
    {
        RedisResultType.Null => RedisValue.Null,
        RedisResultType.Integer or RedisResultType.Boolean => _integer,
        RedisResultType.SimpleString => (string)_payload!,
        RedisResultType.BulkString or RedisResultType.Double or RedisResultType.BigNumber => (byte[])_payload!,
        _ => throw new InvalidCastException($"Cannot read a {Type} reply as a single value."),
    };

    /// <summary>True when this is the simple string <paramref name="expected"/> (e.g. OK).</summary>
    internal bool IsSimpleString(string expected) => Type == RedisResultType.SimpleString && (string)_payload! == expected;

    /// <summary>True when this is a bulk or simple string equal to the ASCII text <paramref name="expected"/>.</summary>
    internal bool IsText(ReadOnlySpan<byte> expected) => Type switch
    {
        RedisResultType.BulkString => ((byte[])_payload!).AsSpan().SequenceEqual(expected),
        RedisResultType.SimpleString => Encoding.ASCII.GetByteCount((string)_payload!) == expected.Length
            && Encoding.ASCII.GetBytes((string)_payload!).AsSpan().SequenceEqual(expected),
        _ => false,
    };

    public static explicit operator long(RedisResult result) => result.AsInt64();

    public static explicit operator string?(RedisResult result) => result.ToString();

    public static explicit operator byte[]?(RedisResult result) => result.AsValue().ToBytes();

    /// <inheritdoc />
    public override string? ToString() => Type switch
    {
        RedisResultType.Null => null,
        RedisResultType.Error or RedisResultType.SimpleString => (string)_payload!,
        RedisResultType.Integer or RedisResultType.Boolean => _integer.ToString(CultureInfo.InvariantCulture),
        RedisResultType.Array or RedisResultType.Set or RedisResultType.Map or RedisResultType.Push =>
            "[" + string.Join(", ", Items.Select(item => item.ToString())) + "]",
        _ => Encoding.UTF8.GetString((byte[])_payload!),
    };
}
