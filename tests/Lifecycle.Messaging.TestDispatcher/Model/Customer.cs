namespace Lifecycle.Messaging.TestDispatcher.Model;

/// <summary>The state change a test unit of work commits (or rolls back) together with its event.</summary>
public sealed class Customer
{
    public required string Id { get; set; }
}
