namespace Lifecycle.Messaging.Configuration;

/// <summary>One handler as MassTransit needs it: the wrapping inbox consumer, its queue and its concurrency.</summary>
internal sealed record HandlerRegistration(Type ConsumerType, string QueueName, int? ConcurrentMessageLimit);
