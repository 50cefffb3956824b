using Lifecycle.Grpc.RichErrors;
using Api = Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Catalogue;

/// <summary>Checks the product fields a create or update touches; every problem becomes a field violation.</summary>
public static class ProductValidator
{
    public static readonly IReadOnlySet<string> UpdatablePaths = new HashSet<string>(StringComparer.Ordinal) { "name", "category", "price", "active" };

    public static void Validate(Api.Product product, IReadOnlySet<string> paths, BadRequestBuilder errors)
    {
        errors.AddViolationIf(!Skus.IsValid(product.Sku), "product.sku", Skus.Rule);
        if (paths.Contains("name"))
        {
            errors.AddViolationIf(!IsText(product.Name, FieldLimits.Name), "product.name", $"must be 1-{FieldLimits.Name} characters");
        }
        if (paths.Contains("category"))
        {
            errors.AddViolationIf(!IsText(product.Category, FieldLimits.Category), "product.category", $"must be 1-{FieldLimits.Category} characters");
        }
        if (paths.Contains("price"))
        {
            var price = product.Price ?? new Api.Money();
            errors.AddViolationIf(price.AmountMinor is < 0 or > FieldLimits.MaxPriceMinor, "product.price.amount_minor", $"must be between 0 and {FieldLimits.MaxPriceMinor}");
            errors.AddViolationIf(!Currencies.IsValid(price.CurrencyCode), "product.price.currency_code", "must be an ISO 4217 code such as EUR");
        }
    }

    private static bool IsText(string value, int maxLength) => value.Trim().Length > 0 && value.Length <= maxLength;
}
