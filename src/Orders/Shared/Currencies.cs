namespace Lifecycle.Orders;

/// <summary>ISO 4217 currency codes as the API accepts them: exactly three upper-case letters (EUR, USD, JPY).</summary>
public static class Currencies
{
    // Only the shape is checked: amounts are already minor units, so the service never needs a code's exponent.
    public static bool IsValid(string code) => code.Length == 3 && code.All(char.IsAsciiLetterUpper);
}
