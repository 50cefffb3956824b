using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Lifecycle.Redis;

/// <summary>A binary-safe value sent to or read from Redis: bytes, text, an integer, or null.</summary>
public readonly struct RedisValue : IEquatable<RedisValue>
{
    private enum Kind : byte { Null, Bytes, Text, Integer }

    private readonly object? _reference;
    private readonly long _integer;
    private readonly Kind _kind;

    private RedisValue(object? reference, long integer, Kind kind) => (_reference, _integer, _kind) = (reference, integer, kind);

    /// <summary>The absent value (a nil reply).</summary>
    public static RedisValue Null => default;

    /// <summary>True for a nil reply or a null input.</summary>
    public bool IsNull => _kind == Kind.Null;

    /// <summary>True when the value holds zero bytes (and is not null).</summary>
    public bool IsEmpty => _kind switch
    {
        Kind.Bytes => ((byte[])_reference!).Length == 0,
        Kind.Text => ((string)_reference!).Length == 0,
        _ => false,
    };

    public static implicit operator RedisValue(string? value) => value is null ? Null : new(value, 0, Kind.Text);

    public static implicit operator RedisValue(byte[]? value) => value is null ? Null : new(value, 0, Kind.Bytes);

    public static implicit operator RedisValue(long value) => new(null, value, Kind.Integer);

    public static implicit operator RedisValue(int value) => new(null, value, Kind.Integer);

    public static explicit operator string?(RedisValue value) => value.ToString();

    public static explicit operator byte[]?(RedisValue value) => value.ToBytes();

    public static explicit operator long(RedisValue value) => value._kind switch
    {
        Kind.Integer => value._integer,
        Kind.Null => throw new InvalidCastException("Cannot convert a null RedisValue to long."),
        _ => long.Parse(value.ToString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
    };

    public static bool operator ==(RedisValue left, RedisValue right) => left.Equals(right);

    public static bool operator !=(RedisValue left, RedisValue right) => !left.Equals(right);

    /// <summary>The value as bytes (UTF-8 for text, decimal digits for integers); null for <see cref="Null"/>.</summary>
    public byte[]? ToBytes() => _kind switch
    {
        Kind.Null => null,
        Kind.Bytes => (byte[])_reference!,
        Kind.Text => Encoding.UTF8.GetBytes((string)_reference!),
        _ => Encoding.ASCII.GetBytes(_integer.ToString(CultureInfo.InvariantCulture)),
    };

    /// <summary>The value as UTF-8 text; null for <see cref="Null"/>.</summary>
    public override string? ToString() => _kind switch
    {
        Kind.Null => null,
        Kind.Bytes => Encoding.UTF8.GetString((byte[])_reference!),
        Kind.Text => (string)_reference!,
        _ => _integer.ToString(CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public bool Equals(RedisValue other) =>
        (IsNull && other.IsNull) || (!IsNull && !other.IsNull && ToBytes().AsSpan().SequenceEqual(other.ToBytes()));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RedisValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(ToBytes());
        return hash.ToHashCode();
    }

    /// <summary>Number of bytes the value occupies on the wire.</summary>
    internal int ByteCount => _kind switch
    {
        Kind.Null => 0,
        Kind.Bytes => ((byte[])_reference!).Length,
        Kind.Text => Encoding.UTF8.GetByteCount((string)_reference!),
        _ => DigitCount(_integer),
    };

    /// <summary>Writes the wire bytes into <paramref name="destination"/>, which holds exactly <see cref="ByteCount"/> bytes.</summary>
    internal void CopyTo(Span<byte> destination)
    {
        switch (_kind)
        {
            case Kind.Bytes:
                ((byte[])_reference!).CopyTo(destination);
                break;
            case Kind.Text:
                Encoding.UTF8.GetBytes((string)_reference!, destination);
                break;
            case Kind.Integer:
                Utf8Formatter.TryFormat(_integer, destination, out _);
                break;
            default:
                break;
        }
    }

    private static int DigitCount(long value)
    {
        Span<byte> scratch = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, scratch, out var written);
        return written;
    }
}
