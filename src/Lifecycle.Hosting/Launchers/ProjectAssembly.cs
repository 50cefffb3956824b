using System.Reflection;
using System.Xml.Linq;

namespace Lifecycle.Hosting.Launchers;

/// <summary>
/// Finds a project's built assembly (bin/&lt;Configuration&gt;/net10.0/&lt;AssemblyName&gt;.dll) so it can be
/// started with `dotnet exec`; the AppHost references service projects so `dotnet run` builds them first.
/// </summary>
public static class ProjectAssembly
{
    public const string TargetFramework = "net10.0";

    /// <summary>The configuration the AppHost itself was built in: services are built alongside it.</summary>
    public static string CurrentConfiguration =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string Resolve(string projectPath, string configuration)
    {
        var directory = Path.GetDirectoryName(projectPath)!;
        var dll = Path.Combine(directory, "bin", configuration, TargetFramework, $"{AssemblyName(projectPath)}.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException(
                $"{dll} not found: build the project first (dotnet build {projectPath} -c {configuration})", dll);
        }
        return dll;
    }

    private static string AssemblyName(string projectPath)
    {
        var declared = File.Exists(projectPath)
            ? XDocument.Load(projectPath).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault()
            : null;
        return string.IsNullOrEmpty(declared) ? Path.GetFileNameWithoutExtension(projectPath) : declared;
    }
}
