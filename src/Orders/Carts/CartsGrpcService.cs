using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Carts;

/// <summary>lifecycle.orders.v1.CartsService: read a contact's open cart, add, set and remove items.</summary>
public sealed class CartsGrpcService(OrdersDbContext db, CartEditor editor) : CartsService.CartsServiceBase
{
    public override async Task<GetCartResponse> GetCart(GetCartRequest request, ServerCallContext context)
    {
        var contactId = Ids.Parse(request.ContactId, "contact_id");
        var cart = await db.Carts.Include(c => c.Items).AsNoTracking()
            .SingleOrDefaultAsync(c => c.OpenContactId == contactId, context.CancellationToken);
        return new GetCartResponse { Cart = cart?.ToApi() ?? CartMapper.Empty(contactId) };
    }

    public override async Task<AddCartItemResponse> AddCartItem(AddCartItemRequest request, ServerCallContext context) =>
        new() { Cart = (await editor.EditAsync(request.ContactId, request.Sku, request.Quantity, CartEditor.Change.Add, context.CancellationToken)).ToApi() };

    public override async Task<UpdateCartItemResponse> UpdateCartItem(UpdateCartItemRequest request, ServerCallContext context) =>
        new() { Cart = (await editor.EditAsync(request.ContactId, request.Sku, request.Quantity, CartEditor.Change.Set, context.CancellationToken)).ToApi() };

    public override async Task<RemoveCartItemResponse> RemoveCartItem(RemoveCartItemRequest request, ServerCallContext context) =>
        new() { Cart = (await editor.EditAsync(request.ContactId, request.Sku, 0, CartEditor.Change.Remove, context.CancellationToken)).ToApi() };
}
