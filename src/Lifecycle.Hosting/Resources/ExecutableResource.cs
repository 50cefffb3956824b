using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting;

/// <summary>Any other program (a frontend dev server, a tool); its port reaches it through an environment variable.</summary>
public sealed class ExecutableResource(string name, string command, string workingDirectory, IReadOnlyList<string> arguments)
    : ProcessResource(name), IReferenceableResource
{
    private readonly Dictionary<string, string> portVariables = [];

    public string Command { get; } = command;

    public override bool IsService => true;

    public string? HealthPath { get; internal set; }

    public override void EnsureBinaries(HostingOptions options)
    {
        var found = Path.IsPathRooted(Command) ? BinaryLocator.Existing(Command) : BinaryLocator.OnPath(Command);
        if (found is null)
        {
            throw new MissingBinaryException(Command, "your package manager (it is not on PATH)");
        }
    }

    public override ProcessLaunch CreateLaunch(LaunchContext context)
    {
        var environment = new Dictionary<string, string>(context.Environment);
        foreach (var (endpoint, variable) in portVariables)
        {
            environment[variable] = $"{context.Instance.Ports[endpoint]}";
        }
        var command = Path.IsPathRooted(Command) ? Command : BinaryLocator.OnPath(Command) ?? Command;
        return new ProcessLaunch(command, arguments) { Environment = environment, WorkingDirectory = workingDirectory };
    }

    public override IHealthProbe? CreateHealthProbe(ResourceInstance instance) =>
        HealthPath is null || Endpoints.Count == 0
            ? null
            : new HttpHealthProbe(new Uri($"{instance.EndpointUrls[Endpoints[0].Name]}{HealthPath}"), http2: false);

    public IEnumerable<KeyValuePair<string, string>> GetReferenceEnvironment() =>
        Instances.SelectMany(instance => instance.EndpointUrls.Select(endpoint => new KeyValuePair<string, string>(
            $"services__{Name}__{endpoint.Key}__{instance.ReplicaIndex}", endpoint.Value)));

    internal void AddHttpEndpoint(string endpointName, int? port, string? portVariable)
    {
        AddEndpoint(new EndpointDefinition(endpointName, "http", port));
        if (portVariable is not null)
        {
            portVariables[endpointName] = portVariable;
        }
    }
}
