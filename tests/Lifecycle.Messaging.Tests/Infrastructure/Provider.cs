namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>The two databases every outbox/inbox behaviour is proven on.</summary>
public enum Provider
{
    Sqlite,
    Postgres,
}
