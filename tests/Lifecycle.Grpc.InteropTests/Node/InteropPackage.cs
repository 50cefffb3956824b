namespace Lifecycle.Grpc.InteropTests.Node;

/// <summary>Where the npm package of foreign clients (tests/interop) lives, and a check that it is installed.</summary>
public static class InteropPackage
{
    private static readonly Lazy<string> LazyDirectory = new(Locate);

    /// <summary>The tests/interop directory; its scripts are in src/.</summary>
    public static string Directory => LazyDirectory.Value;

    /// <summary>The repository root (the directory holding Lifecycle.sln).</summary>
    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(Directory, "..", ".."));

    private static string Locate()
    {
        // Walk up from the test binaries (tests/Lifecycle.Grpc.InteropTests/bin/...) to the repository root.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lifecycle.sln")))
            {
                var package = Path.Combine(directory.FullName, "tests", "interop");
                if (!System.IO.Directory.Exists(Path.Combine(package, "node_modules")))
                {
                    throw new InvalidOperationException(
                        $"The interop npm packages are not installed in {package}. Run scripts/install-prereqs.sh " +
                        "(or `npm ci --prefix tests/interop`) first.");
                }

                return package;
            }
        }

        throw new InvalidOperationException($"No Lifecycle.sln above {AppContext.BaseDirectory}.");
    }
}
