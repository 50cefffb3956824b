using System.Runtime.CompilerServices;

namespace Grpc.Core;

/// <summary>Conveniences over stream readers and writers.</summary>
public static class AsyncStreamExtensions
{
    /// <summary>Reads every message as an async sequence.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }

    public static async Task ForEachAsync<T>(this IAsyncStreamReader<T> reader, Func<T, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        while (await reader.MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            await action(reader.Current).ConfigureAwait(false);
        }
    }

    public static async Task<List<T>> ToListAsync<T>(this IAsyncStreamReader<T> reader)
    {
        var list = new List<T>();
        while (await reader.MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            list.Add(reader.Current);
        }

        return list;
    }

    /// <summary>Writes every message, then (by default) completes the request stream.</summary>
    public static async Task WriteAllAsync<T>(this IClientStreamWriter<T> writer, IEnumerable<T> messages, bool complete = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await writer.WriteAsync(message).ConfigureAwait(false);
        }

        if (complete)
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    public static async Task WriteAllAsync<T>(this IServerStreamWriter<T> writer, IEnumerable<T> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await writer.WriteAsync(message).ConfigureAwait(false);
        }
    }
}
