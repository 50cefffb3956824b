namespace Lifecycle.Hosting;

/// <summary>Finds the repository root: the nearest folder upwards that holds Lifecycle.sln.</summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "Lifecycle.sln";

    public static string Find() =>
        FindFrom(AppContext.BaseDirectory) ?? FindFrom(Environment.CurrentDirectory)
        ?? throw new HostingStartupException($"{SolutionFile} not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");

    public static string? FindFrom(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
