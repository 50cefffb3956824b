using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Options bound from configuration and checked when the host starts, so a bad value fails fast by its key.</summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, validates its data annotations and does so
    /// at start-up; a failure names the full key ("Section:Property") and the rule it broke.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddValidatedOptions<TOptions>(section);
    }

    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(section);
        // Idempotent, since several registrations (one AddServiceClient per called service) share one options type;
        // a second validator would report every problem twice.
        if (services.Any(service => service.ImplementationInstance is SectionDataAnnotationsValidator<TOptions> existing && existing.Section == section))
        {
            return services.AddOptions<TOptions>();
        }

        services.AddSingleton<IValidateOptions<TOptions>>(new SectionDataAnnotationsValidator<TOptions>(section));
        return services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateOnStart();
    }
}
