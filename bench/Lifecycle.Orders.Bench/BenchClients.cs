using Grpc.Net.Client;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Bench;

/// <summary>The generated clients the driver uses, over one channel per service as a frontend would hold them.</summary>
public sealed class BenchClients(GrpcChannel contacts, GrpcChannel orders)
{
    /// <summary>Every call gets a deadline; a unit stuck longer than this counts as an error.</summary>
    public static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    public ContactsService.ContactsServiceClient Contacts { get; } = new(contacts);

    public SnapshotService.SnapshotServiceClient Snapshots { get; } = new(contacts);

    public CatalogueService.CatalogueServiceClient Catalogue { get; } = new(orders);

    public CartsService.CartsServiceClient Carts { get; } = new(orders);

    public OrdersService.OrdersServiceClient Orders { get; } = new(orders);

    public PaymentsService.PaymentsServiceClient Payments { get; } = new(orders);
}
