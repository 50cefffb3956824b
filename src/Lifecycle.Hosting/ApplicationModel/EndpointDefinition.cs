namespace Lifecycle.Hosting;

/// <summary>
/// A port a resource listens on. Hidden endpoints (RabbitMQ's epmd and distribution ports) get a port
/// but are not advertised to tools.
/// </summary>
public sealed record EndpointDefinition(string Name, string Scheme, int? DefaultPort, bool Visible = true);
