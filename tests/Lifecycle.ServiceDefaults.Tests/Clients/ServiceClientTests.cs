using Grpc.Core;
using Lifecycle.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lifecycle.ServiceDefaults.Tests.Clients;

public sealed class ServiceClientTests
{
    [Fact]
    public async Task A_read_call_is_retried_through_unavailable_until_it_succeeds()
    {
        var items = new FlakyItemService { FailuresBeforeSuccess = 2 };
        await using var server = await StartServerAsync(items);
        await using var caller = await StartCallerAsync(server);

        var item = await Client(caller).GetItemAsync(new GetItemRequest { Id = "a" });

        Assert.Equal("a", item.Id);
        Assert.Equal(3, items.Calls);
    }

    [Fact]
    public async Task A_mutation_without_request_id_fails_once_without_a_retry()
    {
        var items = new FlakyItemService { FailuresBeforeSuccess = 2 };
        await using var server = await StartServerAsync(items);
        await using var caller = await StartCallerAsync(server);

        var error = await Assert.ThrowsAsync<RpcException>(
            () => Client(caller).CreateItemAsync(new CreateItemRequest { Name = "b" }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, items.Calls);
    }

    [Fact]
    public async Task A_mutation_with_a_request_id_is_retried()
    {
        var items = new FlakyItemService { FailuresBeforeSuccess = 2 };
        await using var server = await StartServerAsync(items);
        await using var caller = await StartCallerAsync(server);

        var item = await Client(caller).CreateItemAsync(new CreateItemRequest { Name = "c", RequestId = "req-1" });

        Assert.Equal(3, item.Calls);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_attempts_with_the_last_status()
    {
        var items = new FlakyItemService { FailuresBeforeSuccess = int.MaxValue };
        await using var server = await StartServerAsync(items);
        await using var caller = await StartCallerAsync(server, ("ServiceClients:MaxRetryAttempts", "2"));

        var error = await Assert.ThrowsAsync<RpcException>(() => Client(caller).GetItemAsync(new GetItemRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(3, items.Calls);
    }

    [Fact]
    public async Task A_call_without_a_deadline_gets_the_default_one()
    {
        var items = new FlakyItemService { FailuresBeforeSuccess = 0 };
        await using var server = await StartServerAsync(items);
        await using var caller = await StartCallerAsync(server);

        var item = await Client(caller).GetItemAsync(new GetItemRequest { Id = "d" });

        Assert.True(item.HadDeadline);
    }

    [Fact]
    public async Task A_missing_address_fails_start_up_naming_the_configuration_key()
    {
        var builder = TestService.CreateBuilder();
        builder.AddServiceClient<ItemService.ItemServiceClient>("loyalty");
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("services:loyalty:grpc:0", error.Message);
    }

    private static ItemService.ItemServiceClient Client(TestService caller) =>
        caller.Services.GetRequiredService<ItemService.ItemServiceClient>();

    private static Task<TestService> StartServerAsync(FlakyItemService items) => TestService.StartAsync(
        configure: builder => builder.Services.AddSingleton(items),
        map: app => app.MapGrpcService<FlakyItemService>());

    private static async Task<TestService> StartCallerAsync(TestService server, params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["services:items:grpc:0"] = server.Address.ToString(),
            // Backoff is not what these tests are about; keep it short so they stay quick on a loaded machine.
            ["ServiceClients:RetryBaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return await TestService.StartAsync(configuration, builder => builder.AddServiceClient<ItemService.ItemServiceClient>("items"));
    }
}
