using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Contracts.Orders.V1;

namespace Lifecycle.Orders.Bench;

/// <summary>The untimed part: fresh contacts (revenue zero) and one product to buy.</summary>
public sealed record Setup(IReadOnlyList<string> ContactIds, string Sku)
{
    public const long UnitPriceMinor = 1250;

    public static async Task<Setup> RunAsync(BenchClients clients, int contactCount)
    {
        var sku = $"bench-{Guid.NewGuid():N}"[..20];
        await clients.Catalogue.CreateProductAsync(
            new CreateProductRequest
            {
                Product = new Product { Sku = sku, Name = "Bench beans", Category = "coffee", Active = true, Price = new Money { AmountMinor = UnitPriceMinor, CurrencyCode = "EUR" } },
            },
            deadline: BenchClients.Deadline);

        var ids = new string[contactCount];
        await Parallel.ForAsync(0, contactCount, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var created = await clients.Contacts.CreateContactAsync(
                new CreateContactRequest
                {
                    RequestId = Guid.NewGuid().ToString(),
                    Contact = new Contact { Email = $"bench-{Guid.NewGuid():N}@example.com", Profile = new Profile { GivenName = "Bench", FamilyName = $"Buyer {i}" } },
                },
                deadline: BenchClients.Deadline);
            ids[i] = created.Contact.Id;
        });
        return new Setup(ids, sku);
    }
}
