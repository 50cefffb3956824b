using System.Runtime.InteropServices;

namespace Lifecycle.Hosting.Processes;

/// <summary>The few POSIX calls .NET does not expose: signalling a process group.</summary>
internal static partial class Libc
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;

    /// <summary>kill(2): a negative pid addresses the whole process group.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();
}
