namespace Lifecycle.Messaging.Inbox;

/// <summary>The queue (and inbox consumer) name of one handler, e.g. "loyalty.order-paid-earn-points".</summary>
public sealed record InboxConsumerName<THandler>(string Value);
