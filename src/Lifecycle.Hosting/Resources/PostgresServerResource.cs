using Lifecycle.Hosting.Health;
using Lifecycle.Hosting.Launchers;
using Lifecycle.Hosting.Processes;

namespace Lifecycle.Hosting;

/// <summary>A PostgreSQL cluster under the state directory; its databases are child resources.</summary>
public sealed class PostgresServerResource : ProcessResource, IResourceWithConnectionString, IDatabaseServerResource
{
    public const string PrimaryEndpoint = "tcp";

    public PostgresServerResource(string name, int? port) : base(name) =>
        AddEndpoint(new EndpointDefinition(PrimaryEndpoint, "postgres", port));

    public int Port => PortOf(PrimaryEndpoint);

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres";

    public DatabaseResource CreateDatabase(string name) => new PostgresDatabaseResource(name, this);

    public override void EnsureBinaries(HostingOptions options) => PostgresLauncher.Locate();

    public override Task PrepareAsync(LaunchContext context, CancellationToken cancellationToken) =>
        PostgresLauncher.InitializeAsync(context.DataDirectory, cancellationToken);

    public override ProcessLaunch CreateLaunch(LaunchContext context) =>
        PostgresLauncher.Create(context.Instance.Ports[PrimaryEndpoint], context.DataDirectory, context.Options.DurableStorage);

    public override IHealthProbe CreateHealthProbe(ResourceInstance instance) =>
        new PostgresReadyProbe(instance.Ports[PrimaryEndpoint]);
}
