using Lifecycle.Grpc.RichErrors;
using Lifecycle.Orders.Data;
using Microsoft.EntityFrameworkCore;
using Api = Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Catalogue;

/// <summary>Creates products (idempotent for an identical product) and applies field-mask updates.</summary>
public sealed class ProductWriter(OrdersDbContext db, TimeProvider time)
{
    public async Task<Product> CreateAsync(Api.CreateProductRequest request, CancellationToken cancellationToken)
    {
        var input = request.Product ?? new Api.Product();
        var errors = RpcExceptions.BadRequest();
        ProductValidator.Validate(input, ProductValidator.UpdatablePaths, errors);
        errors.ThrowIfAny();

        var now = time.UtcNow();
        var product = new Product
        {
            Sku = input.Sku,
            Name = input.Name.Trim(),
            Category = input.Category.Trim(),
            PriceMinor = input.Price.AmountMinor,
            Currency = input.Price.CurrencyCode,
            Active = input.Active,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await FindAsync(input.Sku, cancellationToken) is { } existing)
        {
            return SameAs(existing, product) ? existing : throw RpcExceptions.AlreadyExists("product", input.Sku);
        }
        db.Products.Add(product);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return product;
        }
        catch (DbUpdateException)
        {
            // A concurrent create of the same SKU won the primary key: same outcome as finding it first.
            db.ChangeTracker.Clear();
            var winner = await FindAsync(input.Sku, cancellationToken) ?? throw new InvalidOperationException($"Product {input.Sku} could not be stored.");
            return SameAs(winner, product) ? winner : throw RpcExceptions.AlreadyExists("product", input.Sku);
        }
    }

    public Task<Product> UpdateAsync(Api.UpdateProductRequest request, CancellationToken cancellationToken)
    {
        var input = request.Product ?? new Api.Product();
        var paths = request.UpdateMask?.Paths.ToHashSet(StringComparer.Ordinal) ?? [];
        var errors = RpcExceptions.BadRequest();
        errors.AddViolationIf(paths.Count == 0, "update_mask", "must name at least one field");
        foreach (var unknown in paths.Where(p => !ProductValidator.UpdatablePaths.Contains(p)))
        {
            errors.AddViolation("update_mask", $"'{unknown}' is not one of name, category, price, active");
        }
        ProductValidator.Validate(input, paths, errors);
        errors.ThrowIfAny();

        return ConcurrentUpdates.RetryAsync(db, async () =>
        {
            var product = await db.Products.SingleOrDefaultAsync(p => p.Sku == input.Sku, cancellationToken)
                ?? throw RpcExceptions.NotFound("product", input.Sku);
            Apply(product, input, paths);
            product.Version++;
            product.UpdatedAt = time.UtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return product;
        }, cancellationToken);
    }

    private static void Apply(Product product, Api.Product input, HashSet<string> paths)
    {
        if (paths.Contains("name")) { product.Name = input.Name.Trim(); }
        if (paths.Contains("category")) { product.Category = input.Category.Trim(); }
        if (paths.Contains("price")) { (product.PriceMinor, product.Currency) = (input.Price.AmountMinor, input.Price.CurrencyCode); }
        if (paths.Contains("active")) { product.Active = input.Active; }
    }

    private Task<Product?> FindAsync(string sku, CancellationToken cancellationToken) =>
        db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Sku == sku, cancellationToken);

    private static bool SameAs(Product a, Product b) =>
        (a.Name, a.Category, a.PriceMinor, a.Currency, a.Active) == (b.Name, b.Category, b.PriceMinor, b.Currency, b.Active);
}
