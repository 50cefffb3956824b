namespace Lifecycle.Hosting;

/// <summary>AddProject / AddExecutable: the services and other programs of the system.</summary>
public static class ProjectBuilderExtensions
{
    /// <summary>A .NET service; the path is relative to the repository root; port null picks a free one.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(
        this DistributedApplicationBuilder builder, string name, string projectPath, int? port = null) =>
        builder.AddResource(new ProjectResource(name, Path.GetFullPath(projectPath, builder.Options.RepositoryRoot), port));

    /// <summary>A .NET service described by a type carrying its project path (see IProjectMetadata).</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(
        this DistributedApplicationBuilder builder, string name, int? port = null) where TProject : IProjectMetadata, new() =>
        builder.AddProject(name, new TProject().ProjectPath, port);

    public static IResourceBuilder<ExecutableResource> AddExecutable(
        this DistributedApplicationBuilder builder, string name, string command, string workingDirectory, params string[] arguments) =>
        builder.AddResource(new ExecutableResource(
            name, command, Path.GetFullPath(workingDirectory, builder.Options.RepositoryRoot), arguments));

    /// <summary>Gives an executable an HTTP port, told to it through an environment variable (e.g. PORT).</summary>
    public static IResourceBuilder<ExecutableResource> WithHttpEndpoint(
        this IResourceBuilder<ExecutableResource> builder, int? port = null, string name = "http", string? env = "PORT")
    {
        builder.Resource.AddHttpEndpoint(name, port, env);
        return builder;
    }

    public static IResourceBuilder<ExecutableResource> WithHttpHealthCheck(this IResourceBuilder<ExecutableResource> builder, string path = "/health")
    {
        builder.Resource.HealthPath = path;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> builder, string path = "/health")
    {
        builder.Resource.HealthPath = path;
        builder.Resource.UsesGrpcHealth = false;
        return builder;
    }

    /// <summary>Readiness is grpc.health.v1.Health/Check answering SERVING.</summary>
    public static IResourceBuilder<ProjectResource> WithGrpcHealthCheck(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.UsesGrpcHealth = true;
        return builder;
    }
}
