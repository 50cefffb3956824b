using Api = Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Catalogue;

/// <summary>Maps stored products to the API message.</summary>
public static class ProductMapper
{
    public static Api.Product ToApi(this Product product) => new()
    {
        Sku = product.Sku,
        Name = product.Name,
        Category = product.Category,
        Price = new Api.Money { AmountMinor = product.PriceMinor, CurrencyCode = product.Currency },
        Active = product.Active,
        Version = product.Version,
        CreateTime = Timestamps.From(product.CreatedAt),
        UpdateTime = Timestamps.From(product.UpdatedAt),
    };
}
