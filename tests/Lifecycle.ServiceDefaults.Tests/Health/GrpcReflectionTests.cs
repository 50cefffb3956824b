using Grpc.Net.Client;
using Grpc.Reflection.V1;
using Lifecycle.ServiceDefaults.Tests.Clients;
using Lifecycle.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Lifecycle.ServiceDefaults.Tests.Health;

public sealed class GrpcReflectionTests
{
    [Fact]
    public async Task Reflection_lists_the_mapped_services_and_grpc_health()
    {
        await using var service = await TestService.StartAsync(map: app => app.MapGrpcService<FlakyItemService>());
        using var channel = GrpcChannel.ForAddress(service.Address);
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(entry => entry.Name).ToList();

        Assert.Contains("lifecycle.servicedefaults.tests.v1.ItemService", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }
}
