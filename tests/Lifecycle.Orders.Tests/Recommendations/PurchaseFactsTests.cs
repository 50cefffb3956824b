using Lifecycle.Contracts.Orders.V1;
using Lifecycle.Orders.Tests.Infrastructure;

namespace Lifecycle.Orders.Tests.Recommendations;

[Collection(OrdersCollection.Name)]
public sealed class PurchaseFactsTests(OrdersInfrastructure infrastructure)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Recommendations_rank_products_bought_together_with_the_contacts_purchases_excluding_owned(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var (beans, grinder, filter, kettle, unrelated) =
            (await shop.ProductAsync(), await shop.ProductAsync(), await shop.ProductAsync(), await shop.ProductAsync(), await shop.ProductAsync());
        await shop.PaidOrderAsync(null, (beans, 1), (grinder, 1), (filter, 1));
        await shop.PaidOrderAsync(null, (beans, 1), (filter, 1));
        await shop.PaidOrderAsync(null, (beans, 1), (kettle, 1));
        await shop.PlacedOrderAsync(null, (beans, 1), (kettle, 1), (grinder, 1));
        await shop.PaidOrderAsync(null, (unrelated, 1), (kettle, 1));
        var contactId = Shop.NewContactId();
        await shop.PaidOrderAsync(contactId, (beans, 2), (kettle, 1));

        var recommendations = (await host.Recommendations.GetRecommendationsAsync(new GetRecommendationsRequest { ContactId = contactId })).Recommendations;

        // filter: 2 orders with beans; grinder: 1 (the unpaid order does not count); unrelated: 1 (with kettle).
        Assert.Equal(filter.Sku, recommendations[0].Product.Sku);
        Assert.Equal(2, recommendations[0].CoPurchaseCount);
        Assert.Equivalent(new[] { grinder.Sku, unrelated.Sku }, recommendations.Skip(1).Select(r => r.Product.Sku).ToArray());
        Assert.DoesNotContain(recommendations, r => r.Product.Sku == beans.Sku || r.Product.Sku == kettle.Sku);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_contacts_orders_list_newest_first_page_by_page_and_a_token_is_bound_to_its_contact(string provider)
    {
        var host = await infrastructure.SharedHostAsync(provider);
        var shop = new Shop(host);
        var contactId = Shop.NewContactId();
        var placed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add((await shop.PlacedOrderAsync(contactId)).Id);
        }

        var seen = new List<string>();
        var request = new ListOrdersRequest { ContactId = contactId, PageSize = 2 };
        do
        {
            var page = await host.Orders.ListOrdersAsync(request);
            seen.AddRange(page.Orders.Select(o => o.Id));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(Enumerable.Reverse(placed), seen);
        var token = (await host.Orders.ListOrdersAsync(new ListOrdersRequest { ContactId = contactId, PageSize = 2 })).NextPageToken;
        await RpcAssert.InvalidFieldAsync("page_token",
            () => host.Orders.ListOrdersAsync(new ListOrdersRequest { ContactId = Shop.NewContactId(), PageToken = token }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("page_token",
            () => host.Orders.ListOrdersAsync(new ListOrdersRequest { ContactId = contactId, PageToken = "x" + token }).ResponseAsync);
    }
}
