namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>A service name per test, so each test's queues are its own on the shared broker.</summary>
public static class ServiceNames
{
    public static string Unique() => $"t{Guid.NewGuid():N}"[..12];
}
