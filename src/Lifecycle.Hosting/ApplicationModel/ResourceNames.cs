using System.Text.RegularExpressions;

namespace Lifecycle.Hosting;

/// <summary>Resource names become environment keys, file names and database names: keep them plain.</summary>
internal static partial class ResourceNames
{
    public static string Validate(string name) =>
        ValidName().IsMatch(name)
            ? name
            : throw new ArgumentException($"Resource name '{name}' must be lower-case letters, digits and '-', starting with a letter.", nameof(name));

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex ValidName();
}
