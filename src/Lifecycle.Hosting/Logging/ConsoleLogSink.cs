namespace Lifecycle.Hosting.Logging;

/// <summary>Interleaves every resource's output on the console, each line prefixed with its resource.</summary>
public sealed class ConsoleLogSink(TextWriter output, int prefixWidth = 12)
{
    private readonly Lock gate = new();

    public void Write(string resourceName, string text, bool isError)
    {
        var prefix = resourceName.PadRight(prefixWidth);
        lock (gate)
        {
            output.WriteLine(isError ? $"{prefix}! {text}" : $"{prefix}| {text}");
        }
    }

    /// <summary>The AppHost's own messages, under the name "apphost".</summary>
    public void Info(string text) => Write("apphost", text, isError: false);
}
