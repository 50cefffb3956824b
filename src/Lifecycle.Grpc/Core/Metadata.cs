using System.Collections;

namespace Grpc.Core;

/// <summary>Call headers or trailers: an ordered list of key/value entries; keys ending in "-bin" carry bytes.</summary>
public sealed partial class Metadata : IList<Metadata.Entry>
{
    /// <summary>Keys with this suffix carry binary values (base64 on the wire).</summary>
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>An immutable empty instance.</summary>
    public static readonly Metadata Empty = new Metadata().Freeze();

    private readonly List<Entry> entries = [];
    private bool readOnly;

    public int Count => entries.Count;

    public bool IsReadOnly => readOnly;

    public Entry this[int index]
    {
        get => entries[index];
        set
        {
            EnsureWritable();
            entries[index] = value ?? throw new ArgumentNullException(nameof(value));
        }
    }

    public void Add(string key, string value) => Add(new Entry(key, value));

    public void Add(string key, byte[] valueBytes) => Add(new Entry(key, valueBytes));

    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        EnsureWritable();
        entries.Add(item);
    }

    /// <summary>The last entry with the given key, or null.</summary>
    public Entry? Get(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i].Key == normalized)
            {
                return entries[i];
            }
        }

        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        return entries.Where(e => e.Key == normalized);
    }

    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        EnsureWritable();
        entries.Insert(index, item);
    }

    public void RemoveAt(int index)
    {
        EnsureWritable();
        entries.RemoveAt(index);
    }

    public bool Remove(Entry item)
    {
        EnsureWritable();
        return entries.Remove(item);
    }

    public void Clear()
    {
        EnsureWritable();
        entries.Clear();
    }

    public int IndexOf(Entry item) => entries.IndexOf(item);

    public bool Contains(Entry item) => entries.Contains(item);

    public void CopyTo(Entry[] array, int arrayIndex) => entries.CopyTo(array, arrayIndex);

    public IEnumerator<Entry> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal Metadata Freeze()
    {
        readOnly = true;
        return this;
    }

    private void EnsureWritable()
    {
        if (readOnly)
        {
            throw new InvalidOperationException("Metadata is read-only.");
        }
    }
}
