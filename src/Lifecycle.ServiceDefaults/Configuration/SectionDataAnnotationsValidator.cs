using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Data-annotation validation whose messages name the configuration key ("Loyalty:PageSize: ..."), where the stock
/// validator names only the property, leaving the operator to guess which section it came from.
/// </summary>
internal sealed class SectionDataAnnotationsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public string Section { get; } = section;

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (name != Options.Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(Describe));
    }

    private string Describe(ValidationResult result)
    {
        var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
        var keys = string.Join(", ", members.Select(member => member.Length == 0 ? Section : $"{Section}:{member}"));
        return $"Configuration \"{keys}\": {result.ErrorMessage}";
    }
}
