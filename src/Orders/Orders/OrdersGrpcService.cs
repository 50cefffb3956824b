using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Orders.Checkout;
using Lifecycle.Orders.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Orders;

/// <summary>lifecycle.orders.v1.OrdersService: checkout, read and list orders, cancel and fulfil.</summary>
public sealed class OrdersGrpcService(
    OrdersDbContext db, OrderPlacer placer, OrderCanceller canceller, OrderFulfiller fulfiller, PageTokens pageTokens)
    : OrdersService.OrdersServiceBase
{
    public override async Task<CheckoutResponse> Checkout(CheckoutRequest request, ServerCallContext context) =>
        new() { Order = (await placer.CheckoutAsync(request, context.CancellationToken)).ToApi() };

    public override async Task<GetOrderResponse> GetOrder(GetOrderRequest request, ServerCallContext context)
    {
        var id = Ids.Parse(request.Id, "id");
        var order = await db.Orders.Include(o => o.Items).AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, context.CancellationToken)
            ?? throw RpcExceptions.NotFound("order", id.ToString());
        return new GetOrderResponse { Order = order.ToApi() };
    }

    public override async Task<ListOrdersResponse> ListOrders(ListOrdersRequest request, ServerCallContext context)
    {
        var errors = RpcExceptions.BadRequest();
        var pageSize = PageTokens.PageSize(request.PageSize, errors);
        var contactId = Ids.Parse(request.ContactId, "contact_id", errors);
        errors.ThrowIfAny();
        var filters = $"orders|{contactId}";
        var offset = pageTokens.ReadOffset(request.PageToken, filters);

        // One row more than the page tells whether another page follows.
        var page = await db.Orders.Include(o => o.Items).AsNoTracking()
            .Where(o => o.ContactId == contactId)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip(offset).Take(pageSize + 1).AsSplitQuery().ToListAsync(context.CancellationToken);
        var response = new ListOrdersResponse();
        response.Orders.AddRange(page.Take(pageSize).Select(o => o.ToApi()));
        if (page.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Create(offset + pageSize, filters);
        }
        return response;
    }

    public override async Task<CancelOrderResponse> CancelOrder(CancelOrderRequest request, ServerCallContext context) =>
        new() { Order = (await canceller.CancelAsync(request.Id, request.Reason, context.CancellationToken)).ToApi() };

    public override async Task<FulfilOrderResponse> FulfilOrder(FulfilOrderRequest request, ServerCallContext context) =>
        new() { Order = (await fulfiller.FulfilAsync(request.Id, context.CancellationToken)).ToApi() };
}
