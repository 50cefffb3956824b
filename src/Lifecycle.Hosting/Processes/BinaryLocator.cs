namespace Lifecycle.Hosting.Processes;

/// <summary>Finds the binaries we launch: on PATH, or in the fixed places Debian's packages use.</summary>
public static class BinaryLocator
{
    public static string Setsid => OnPath("setsid") ?? "/usr/bin/setsid";

    public static string Setpriv => OnPath("setpriv") ?? "/usr/bin/setpriv";

    public static string? OnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    public static string? Existing(params string[] candidates) => candidates.FirstOrDefault(File.Exists);

    /// <summary>The dotnet host that runs service assemblies (the one running us, when it is dotnet).</summary>
    public static string Dotnet()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }
        return OnPath("dotnet") ?? Existing("/usr/bin/dotnet", "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet")
            ?? throw new MissingBinaryException("dotnet", "the .NET 10 SDK (https://dot.net)");
    }

    /// <summary>Newest PostgreSQL server binaries directory (/usr/lib/postgresql/&lt;major&gt;/bin).</summary>
    public static string? PostgresBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var newest = Directory.EnumerateDirectories(root)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }
        return OnPath("postgres") is { } postgres ? Path.GetDirectoryName(postgres) : null;
    }
}
