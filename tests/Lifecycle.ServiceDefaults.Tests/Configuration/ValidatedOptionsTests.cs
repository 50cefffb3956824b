using System.ComponentModel.DataAnnotations;
using Lifecycle.ServiceDefaults.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lifecycle.ServiceDefaults.Tests.Configuration;

public sealed class ValidatedOptionsTests
{
    [Fact]
    public async Task An_out_of_range_value_fails_start_up_naming_the_full_key()
    {
        var builder = TestService.CreateBuilder(new Dictionary<string, string?> { ["Paging:PageSize"] = "5000" });
        builder.AddValidatedOptions<PagingOptions>("Paging");
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("\"Paging:PageSize\"", error.Message);
    }

    [Fact]
    public async Task A_valid_section_is_bound_and_the_host_starts()
    {
        var builder = TestService.CreateBuilder(new Dictionary<string, string?> { ["Paging:PageSize"] = "25" });
        builder.AddValidatedOptions<PagingOptions>("Paging");
        await using var app = builder.Build();

        await app.StartAsync();

        Assert.Equal(25, app.Services.GetRequiredService<IOptions<PagingOptions>>().Value.PageSize);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_fails_start_up_naming_the_full_key()
    {
        var builder = TestService.CreateBuilder(new Dictionary<string, string?> { ["Paging:PageSize"] = "many" });
        builder.AddValidatedOptions<PagingOptions>("Paging");
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("Paging:PageSize", error.Message);
    }

    public sealed class PagingOptions
    {
        [Range(1, 1000)]
        public int PageSize { get; set; } = 50;
    }
}
