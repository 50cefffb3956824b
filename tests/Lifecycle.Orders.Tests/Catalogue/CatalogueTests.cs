using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Tests.Infrastructure;

namespace Lifecycle.Orders.Tests.Catalogue;

[Collection(OrdersCollection.Name)]
public sealed class CatalogueTests(OrdersInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Created_product_reads_back_and_an_identical_retry_returns_it_unchanged(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var created = await new Shop(host).ProductAsync(1999, "EUR");

        var read = (await host.Catalogue.GetProductAsync(new GetProductRequest { Sku = created.Sku })).Product;
        var retried = (await host.Catalogue.CreateProductAsync(new CreateProductRequest { Product = created.Clone() })).Product;

        Assert.Equal(created, read);
        Assert.Equal(created, retried);
        Assert.Equal(1999, read.Price.AmountMinor);
        Assert.Equal(1, read.Version);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_product_with_a_taken_sku_fails_with_already_exists(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var created = await new Shop(host).ProductAsync();
        var other = created.Clone();
        other.Name = "Something else";

        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => host.Catalogue.CreateProductAsync(new CreateProductRequest { Product = other }).ResponseAsync);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Update_changes_only_the_masked_fields(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var created = await new Shop(host).ProductAsync(1999);
        var change = new Product { Sku = created.Sku, Name = "ignored", Price = new Money { AmountMinor = 2499, CurrencyCode = "EUR" }, Active = false };

        var updated = (await host.Catalogue.UpdateProductAsync(new UpdateProductRequest
        {
            Product = change,
            UpdateMask = new FieldMask { Paths = { "price", "active" } },
        })).Product;

        Assert.Equal(2499, updated.Price.AmountMinor);
        Assert.False(updated.Active);
        Assert.Equal(created.Name, updated.Name);
        Assert.Equal(2, updated.Version);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task List_pages_through_a_category_in_sku_order_and_rejects_a_tampered_token(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var category = $"cat-{Guid.NewGuid():N}";
        var skus = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            skus.Add((await shop.ProductAsync(category: category, sku: $"p{i}-{Guid.NewGuid():N}"[..20])).Sku);
        }

        var seen = new List<string>();
        var request = new ListProductsRequest { Category = category, PageSize = 2 };
        do
        {
            var page = await host.Catalogue.ListProductsAsync(request);
            seen.AddRange(page.Products.Select(p => p.Sku));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(skus.Order(StringComparer.Ordinal), seen);
        var first = await host.Catalogue.ListProductsAsync(new ListProductsRequest { Category = category, PageSize = 2 });
        var tampered = first.NextPageToken[..^2] + (first.NextPageToken.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        await RpcAssert.InvalidFieldAsync("page_token", () => host.Catalogue.ListProductsAsync(new ListProductsRequest { Category = category, PageSize = 2, PageToken = tampered }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("page_token", () => host.Catalogue.ListProductsAsync(new ListProductsRequest { Category = "other", PageSize = 2, PageToken = first.NextPageToken }).ResponseAsync);
    }

    [Theory]
    [InlineData("product.sku", "has space")]
    [InlineData("product.name", "")]
    [InlineData("product.price.amount_minor", "-1")]
    [InlineData("product.price.currency_code", "eur")]
    public async Task Invalid_product_fails_with_a_field_violation_and_stores_nothing(string field, string value)
    {
        var host = await infrastructure.SharedHostAsync("Sqlite");
        var product = new Product
        {
            Sku = Shop.NewSku(),
            Name = "Beans",
            Category = "coffee",
            Active = true,
            Price = new Money { AmountMinor = 100, CurrencyCode = "EUR" },
        };
        switch (field)
        {
            case "product.sku": product.Sku = value; break;
            case "product.name": product.Name = value; break;
            case "product.price.amount_minor": product.Price.AmountMinor = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: product.Price.CurrencyCode = value; break;
        }

        await RpcAssert.InvalidFieldAsync(field, () => host.Catalogue.CreateProductAsync(new CreateProductRequest { Product = product }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => host.Catalogue.GetProductAsync(new GetProductRequest { Sku = product.Sku }).ResponseAsync);
    }
}
