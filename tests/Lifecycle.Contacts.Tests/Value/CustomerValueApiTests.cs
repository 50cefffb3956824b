using Grpc.Core;
using Lifecycle.Contacts.Tests.Infrastructure;

namespace Lifecycle.Contacts.Tests.Value;

[Collection(ContactsCollection.Name)]
public sealed class CustomerValueApiTests(ContactsInfrastructure infrastructure)
{
    [Fact]
    public async Task A_fresh_buyer_scores_top_recency_and_no_churn_risk()
    {
        await using var host = await ContactsHost.StartAsync(infrastructure, "Sqlite");
        var contact = (await host.Contacts.CreateContactAsync(ContactBuilder.Create())).Contact;
        await host.PublishAsync(OrderEvents.Paid(contact.Id, amountMinor: 25_000));
        await Eventually.UntilAsync(async () => (await host.Contacts.GetContactAsync(new() { Id = contact.Id })).Contact.Stage, s => s == "purchase", "the first purchase");

        var scores = (await host.Value.GetCustomerValueAsync(new() { ContactId = contact.Id })).Scores;

        Assert.Equal((5, 1, 3, 0), (scores.RecencyScore, scores.FrequencyScore, scores.MonetaryScore, scores.ChurnRisk));
        Assert.Empty(scores.ChurnReasons);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => host.Value.GetCustomerValueAsync(new() { ContactId = Guid.NewGuid().ToString() }).ResponseAsync);
    }
}
