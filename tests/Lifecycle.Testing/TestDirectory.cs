namespace Lifecycle.Testing;

/// <summary>
/// A private temp directory, world-traversable (0755) so that servers running as the postgres account
/// can reach their data inside it; deleted on dispose.
/// </summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lifecycle-{prefix}-{Guid.NewGuid():N}"[..40]);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The fixtures start Linux server processes.");
        }
        Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server that is still flushing may recreate a file; the OS cleans /tmp eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
