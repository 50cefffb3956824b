using System.Collections.Concurrent;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging.Telemetry;
using MassTransit;

namespace Lifecycle.Messaging.Tests.Infrastructure;

/// <summary>What a MassTransit consumer was handed for each event: the deserialised message and the envelope's context.</summary>
public sealed record ConsumedEnvelope(IntegrationEvent Message, Guid? MessageId, Guid? CorrelationId, string? TraceParent, string? ContentType);

/// <summary>Records every integration event MassTransit delivers to a consumer, by event id (the first delivery wins).</summary>
public sealed class ConsumedEnvelopes : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, ConsumedEnvelope> byEventId = new();

    public IReadOnlyDictionary<Guid, ConsumedEnvelope> ByEventId => byEventId;

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is IntegrationEvent message)
        {
            byEventId.TryAdd(message.EventId, new ConsumedEnvelope(message, context.MessageId, context.CorrelationId,
                context.Headers.Get<string>(MessagingTelemetry.TraceParentHeader), context.ReceiveContext.ContentType?.MediaType));
        }
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
