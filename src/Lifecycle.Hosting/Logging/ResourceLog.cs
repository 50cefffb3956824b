namespace Lifecycle.Hosting.Logging;

/// <summary>
/// A resource's output: the most recent lines in memory (dashboard, crash reports), every line in
/// .lifecycle/logs/&lt;resource&gt;.log, and optionally on the console with a "name | " prefix.
/// </summary>
public sealed class ResourceLog(string resourceName, string filePath, ConsoleLogSink? console, int capacity = 500) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Queue<LogLine> recent = new(capacity);
    private StreamWriter? file;
    private bool closed;

    public string FilePath { get; } = filePath;

    public void Append(string text, bool isError = false)
    {
        var line = new LogLine(DateTimeOffset.UtcNow, text, isError);
        lock (gate)
        {
            if (recent.Count == capacity)
            {
                recent.Dequeue();
            }
            recent.Enqueue(line);
            // Output can still drain after the run stopped; it stays in memory but no longer reopens the file.
            if (!closed)
            {
                file ??= OpenFile();
                file.WriteLine($"{line.At:HH:mm:ss.fff} {text}");
            }
        }
        console?.Write(resourceName, text, isError);
    }

    public IReadOnlyList<LogLine> Tail(int count)
    {
        lock (gate)
        {
            return recent.Skip(Math.Max(0, recent.Count - count)).ToList();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            closed = true;
            file?.Dispose();
            file = null;
        }
    }

    private StreamWriter OpenFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        return new StreamWriter(FilePath, append: true) { AutoFlush = true };
    }
}
