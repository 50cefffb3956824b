using Lifecycle.Testing;

namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>One RabbitMQ node and one PostgreSQL cluster shared by the messaging tests (RabbitMQ boots in 6-9 s).</summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<RabbitMqFixture>, ICollectionFixture<PostgresFixture>
{
    public const string Name = "messaging-broker";
}
