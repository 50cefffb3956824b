namespace Lifecycle.Orders.Tests.Infrastructure;

/// <summary>Every service test runs on both database providers.</summary>
public static class Providers
{
    public static TheoryData<string> All => new() { "Sqlite", "Postgres" };
}
