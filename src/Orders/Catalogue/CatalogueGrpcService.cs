using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Orders.Data;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Orders.Catalogue;

/// <summary>lifecycle.orders.v1.CatalogueService: create, get, update (field mask) and list products.</summary>
public sealed class CatalogueGrpcService(OrdersDbContext db, ProductWriter writer, PageTokens pageTokens) : CatalogueService.CatalogueServiceBase
{
    public override async Task<CreateProductResponse> CreateProduct(CreateProductRequest request, ServerCallContext context) =>
        new() { Product = (await writer.CreateAsync(request, context.CancellationToken)).ToApi() };

    public override async Task<GetProductResponse> GetProduct(GetProductRequest request, ServerCallContext context)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Sku == request.Sku, context.CancellationToken)
            ?? throw RpcExceptions.NotFound("product", request.Sku);
        return new GetProductResponse { Product = product.ToApi() };
    }

    public override async Task<UpdateProductResponse> UpdateProduct(UpdateProductRequest request, ServerCallContext context) =>
        new() { Product = (await writer.UpdateAsync(request, context.CancellationToken)).ToApi() };

    public override async Task<ListProductsResponse> ListProducts(ListProductsRequest request, ServerCallContext context)
    {
        var errors = RpcExceptions.BadRequest();
        var pageSize = PageTokens.PageSize(request.PageSize, errors);
        errors.ThrowIfAny();
        var offset = pageTokens.ReadOffset(request.PageToken, $"products|{request.Category}|{request.ActiveOnly}");

        var query = db.Products.AsNoTracking();
        if (request.Category.Length > 0)
        {
            query = query.Where(p => p.Category == request.Category);
        }
        if (request.ActiveOnly)
        {
            query = query.Where(p => p.Active);
        }
        // One row more than the page tells whether another page follows.
        var page = await query.OrderBy(p => p.Sku).Skip(offset).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListProductsResponse();
        response.Products.AddRange(page.Take(pageSize).Select(p => p.ToApi()));
        if (page.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Create(offset + pageSize, $"products|{request.Category}|{request.ActiveOnly}");
        }
        return response;
    }
}
