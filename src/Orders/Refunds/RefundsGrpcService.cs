using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Orders;

namespace Lifecycle.Orders.Refunds;

/// <summary>lifecycle.orders.v1.RefundsService: full and partial refunds.</summary>
public sealed class RefundsGrpcService(OrderRefunder refunder) : RefundsService.RefundsServiceBase
{
    public override async Task<RefundOrderResponse> RefundOrder(RefundOrderRequest request, ServerCallContext context)
    {
        var (refund, order) = await refunder.RefundAsync(request, context.CancellationToken);
        return new RefundOrderResponse { Refund = refund.ToApi(), Order = order.ToApi() };
    }
}
