using System.Text;

namespace Grpc.Core;

public sealed partial class Metadata
{
    /// <summary>One metadata entry: an ASCII key (lower-cased) and a string or, for "-bin" keys, a byte value.</summary>
    public sealed class Entry
    {
        private readonly string? value;
        private readonly byte[]? valueBytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key \"{Key}\" ends with \"{BinaryHeaderSuffix}\" and needs a byte[] value.", nameof(key));
            }

            this.value = value ?? throw new ArgumentNullException(nameof(value));
        }

        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key \"{Key}\" needs the \"{BinaryHeaderSuffix}\" suffix to carry a byte[] value.", nameof(key));
            }

            this.valueBytes = valueBytes ?? throw new ArgumentNullException(nameof(valueBytes));
        }

        public string Key { get; }

        public bool IsBinary => valueBytes is not null;

        /// <summary>The string value; binary entries have none.</summary>
        public string Value => value ?? throw new InvalidOperationException($"Entry \"{Key}\" is binary: use ValueBytes.");

        /// <summary>The byte value; for a string entry, its ASCII bytes.</summary>
        public byte[] ValueBytes => valueBytes ?? Encoding.ASCII.GetBytes(value!);

        public override string ToString() => IsBinary
            ? $"[Entry: key={Key}, valueBytes={valueBytes!.Length} bytes]"
            : $"[Entry: key={Key}, value={value}]";

        internal static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);

        internal static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = key.ToLowerInvariant();
            foreach (var c in normalized)
            {
                // HTTP/2 header names allowed by the gRPC spec: 0-9 a-z _ - .
                if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
                {
                    throw new ArgumentException($"Metadata key \"{key}\" contains the illegal character '{c}'.", nameof(key));
                }
            }

            return normalized;
        }
    }
}
