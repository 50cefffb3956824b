namespace Lifecycle.Hosting.Processes;

/// <summary>A binary a resource needs is not installed; the message names what to install.</summary>
public sealed class MissingBinaryException(string binary, string install)
    : HostingStartupException($"{binary} not found: install it with {install}")
{
    public string Binary { get; } = binary;

    public static MissingBinaryException AptPackage(string binary, string package) =>
        new(binary, $"'apt-get install -y --no-install-recommends {package}'");
}
