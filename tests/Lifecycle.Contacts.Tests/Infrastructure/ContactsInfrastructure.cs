using Lifecycle.Testing;

namespace Lifecycle.Contacts.Tests.Infrastructure;

/// <summary>Real PostgreSQL, Redis and RabbitMQ, started once for every service test (RabbitMQ alone takes 6-9 s).</summary>
public sealed class ContactsInfrastructure : IAsyncLifetime
{
    public PostgresFixture Postgres { get; } = new();

    public RedisServerFixture Redis { get; } = new();

    public RabbitMqFixture RabbitMq { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(Postgres.InitializeAsync(), Redis.InitializeAsync(), RabbitMq.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(Postgres.DisposeAsync(), Redis.DisposeAsync(), RabbitMq.DisposeAsync());
}

/// <summary>Service tests share one set of servers.</summary>
[CollectionDefinition(Name)]
public sealed class ContactsCollection : ICollectionFixture<ContactsInfrastructure>
{
    public const string Name = "contacts-infrastructure";
}
