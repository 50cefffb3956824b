using System.Reflection;
using Lifecycle.Hosting;

namespace Lifecycle.Testing;

/// <summary>Builders for in-process resource graphs in tests: free ports, a temp state dir, quiet console.</summary>
public static class TestHosting
{
    public static string RepositoryRoot =>
        Hosting.RepositoryRoot.FindFrom(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"{Hosting.RepositoryRoot.SolutionFile} not found above {AppContext.BaseDirectory}");

    /// <summary>The configuration the calling test assembly was built in; service projects it references match it.</summary>
    public static string BuildConfiguration(Assembly testAssembly) =>
        testAssembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static DistributedApplicationBuilder CreateBuilder(TestDirectory state, Assembly testAssembly, bool dashboard = false) =>
        CreateBuilder(state.Path, testAssembly, dashboard);

    /// <summary>As above, with the state directory anywhere (e.g. below a directory with unusual permissions).</summary>
    public static DistributedApplicationBuilder CreateBuilder(string statePath, Assembly testAssembly, bool dashboard = false)
    {
        var options = HostingOptions.ForTests(RepositoryRoot, statePath);
        return DistributedApplication.CreateBuilder(new HostingOptions
        {
            RepositoryRoot = options.RepositoryRoot,
            StateDirectory = options.StateDirectory,
            FreePorts = true,
            ConsoleOutput = false,
            DurableStorage = false,
            Dashboard = dashboard,
            BuildConfiguration = BuildConfiguration(testAssembly),
        });
    }
}
