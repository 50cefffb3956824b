using Lifecycle.Orders.Orders;

namespace Lifecycle.Orders.Tests.Orders;

public sealed class OrderStateMachineTests
{
    /// <summary>Every (status, action) pair with its expected outcome: the whole table, so no move is allowed by accident.</summary>
    public static TheoryData<OrderStatus, OrderAction, TransitionKind, OrderStatus> Table()
    {
        const TransitionKind apply = TransitionKind.Apply, done = TransitionKind.AlreadyDone, refused = TransitionKind.Refused;
        var data = new TheoryData<OrderStatus, OrderAction, TransitionKind, OrderStatus>();
        void Row(OrderStatus from, OrderAction action, TransitionKind kind, OrderStatus? to = null) => data.Add(from, action, kind, to ?? from);

        Row(OrderStatus.PendingPayment, OrderAction.ConfirmPayment, apply, OrderStatus.Paid);
        Row(OrderStatus.PendingPayment, OrderAction.FailPayment, apply, OrderStatus.PaymentFailed);
        Row(OrderStatus.PendingPayment, OrderAction.Cancel, apply, OrderStatus.Cancelled);
        Row(OrderStatus.PendingPayment, OrderAction.Fulfil, refused);
        Row(OrderStatus.PendingPayment, OrderAction.RefundPart, refused);
        Row(OrderStatus.PendingPayment, OrderAction.RefundRest, refused);

        Row(OrderStatus.PaymentFailed, OrderAction.ConfirmPayment, apply, OrderStatus.Paid);
        Row(OrderStatus.PaymentFailed, OrderAction.FailPayment, apply, OrderStatus.PaymentFailed);
        Row(OrderStatus.PaymentFailed, OrderAction.Cancel, apply, OrderStatus.Cancelled);
        Row(OrderStatus.PaymentFailed, OrderAction.Fulfil, refused);
        Row(OrderStatus.PaymentFailed, OrderAction.RefundPart, refused);
        Row(OrderStatus.PaymentFailed, OrderAction.RefundRest, refused);

        Row(OrderStatus.Paid, OrderAction.ConfirmPayment, done);
        Row(OrderStatus.Paid, OrderAction.FailPayment, refused);
        Row(OrderStatus.Paid, OrderAction.Cancel, apply, OrderStatus.Cancelled);
        Row(OrderStatus.Paid, OrderAction.Fulfil, apply, OrderStatus.Fulfilled);
        Row(OrderStatus.Paid, OrderAction.RefundPart, apply, OrderStatus.Paid);
        Row(OrderStatus.Paid, OrderAction.RefundRest, apply, OrderStatus.Refunded);

        Row(OrderStatus.Fulfilled, OrderAction.ConfirmPayment, refused);
        Row(OrderStatus.Fulfilled, OrderAction.FailPayment, refused);
        Row(OrderStatus.Fulfilled, OrderAction.Cancel, refused);
        Row(OrderStatus.Fulfilled, OrderAction.Fulfil, done);
        Row(OrderStatus.Fulfilled, OrderAction.RefundPart, apply, OrderStatus.Fulfilled);
        Row(OrderStatus.Fulfilled, OrderAction.RefundRest, apply, OrderStatus.Refunded);

        Row(OrderStatus.Cancelled, OrderAction.ConfirmPayment, refused);
        Row(OrderStatus.Cancelled, OrderAction.FailPayment, refused);
        Row(OrderStatus.Cancelled, OrderAction.Cancel, done);
        Row(OrderStatus.Cancelled, OrderAction.Fulfil, refused);
        Row(OrderStatus.Cancelled, OrderAction.RefundPart, refused);
        Row(OrderStatus.Cancelled, OrderAction.RefundRest, refused);

        Row(OrderStatus.Refunded, OrderAction.ConfirmPayment, refused);
        Row(OrderStatus.Refunded, OrderAction.FailPayment, refused);
        Row(OrderStatus.Refunded, OrderAction.Cancel, refused);
        Row(OrderStatus.Refunded, OrderAction.Fulfil, refused);
        Row(OrderStatus.Refunded, OrderAction.RefundPart, refused);
        Row(OrderStatus.Refunded, OrderAction.RefundRest, refused);
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_status_and_action_has_exactly_the_specified_outcome(OrderStatus from, OrderAction action, TransitionKind kind, OrderStatus to)
    {
        var transition = OrderStateMachine.Decide(from, action);

        Assert.Equal(kind, transition.Kind);
        Assert.Equal(to, transition.To);
    }

    [Fact]
    public void The_table_covers_every_status_and_action()
    {
        var covered = Table().Select(row => ((OrderStatus)row[0], (OrderAction)row[1])).ToHashSet();

        Assert.Equal(Enum.GetValues<OrderStatus>().Length * Enum.GetValues<OrderAction>().Length, covered.Count);
    }

    [Fact]
    public void A_refusal_explains_itself_in_words()
    {
        Assert.Equal("An order that is cancelled cannot be paid.", OrderStateMachine.Explain(OrderStatus.Cancelled, OrderAction.ConfirmPayment));
    }
}
