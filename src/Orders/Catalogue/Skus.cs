namespace Lifecycle.Orders.Catalogue;

/// <summary>The SKU format: 1-64 characters of letters, digits, '-', '_' and '.'; case-sensitive.</summary>
public static class Skus
{
    public const string Rule = "must be 1-64 characters of A-Z, a-z, 0-9, '-', '_' and '.'";

    public static bool IsValid(string sku) =>
        sku.Length is > 0 and <= FieldLimits.Sku && sku.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
