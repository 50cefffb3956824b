namespace Lifecycle.Hosting;

/// <summary>AddRedis / AddRabbitMQ / AddPostgres: infrastructure as real processes on loopback.</summary>
public static class InfrastructureBuilderExtensions
{
    public const int DefaultRedisPort = 7379;
    public const int DefaultRabbitMqPort = 7672;
    public const int DefaultPostgresPort = 7432;

    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name, int? port = DefaultRedisPort) =>
        builder.AddResource(new RedisResource(name, port));

    public static IResourceBuilder<RabbitMqResource> AddRabbitMQ(this DistributedApplicationBuilder builder, string name, int? port = DefaultRabbitMqPort) =>
        builder.AddResource(new RabbitMqResource(name, port));

    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name, int? port = DefaultPostgresPort) =>
        builder.AddResource(new PostgresServerResource(name, port));
}
