using Google.Protobuf.WellKnownTypes;
using Lifecycle.Contacts.Interactions;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contacts.Orders;
using Api = Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Timeline;

/// <summary>Turns stored interactions, stage changes and orders into timeline items.</summary>
public static class TimelineMapper
{
    /// <summary>An order sits at its payment, or at its last change while unpaid: the read model keeps no placement time.</summary>
    public static DateTime OrderTime(OrderRecord order) => order.PaidAt ?? order.UpdatedAt;

    public static TimelineItem ToItem(InteractionRecord interaction) =>
        new(interaction.OccurredAt, 0, Entry(interaction.OccurredAt, e => e.Interaction = interaction.ToApi()));

    public static TimelineItem ToItem(StageTransitionRecord transition) =>
        new(transition.OccurredAt, 2, Entry(transition.OccurredAt, e => e.StageTransition = transition.ToApi()));

    public static TimelineItem ToItem(OrderRecord order)
    {
        var api = new Api.TimelineOrder
        {
            OrderId = order.OrderId,
            Status = order.Status,
            TotalMinor = order.TotalMinor,
            RefundedMinor = order.RefundedMinor,
            Currency = order.Currency,
            PaidTime = order.PaidAt is { } paid ? Timestamp.FromDateTime(paid) : null,
            UpdateTime = Timestamp.FromDateTime(order.UpdatedAt),
        };
        return new(OrderTime(order), 1, Entry(OrderTime(order), e => e.Order = api));
    }

    private static Api.TimelineEntry Entry(DateTime at, Action<Api.TimelineEntry> fill)
    {
        var entry = new Api.TimelineEntry { OccurTime = Timestamp.FromDateTime(at) };
        fill(entry);
        return entry;
    }
}
