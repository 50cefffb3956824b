using Grpc.Net.Client;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Bench;

/// <summary>Fresh contacts for a run (untimed), created the way a frontend would.</summary>
public static class BenchContacts
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<string>> CreateAsync(GrpcChannel channel, int count)
    {
        var client = new ContactsService.ContactsServiceClient(channel);
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var created = await client.CreateContactAsync(
                new CreateContactRequest
                {
                    RequestId = Guid.NewGuid().ToString(),
                    Contact = new Contact
                    {
                        Email = $"snapshot-bench-{Guid.NewGuid():N}@example.com",
                        Locale = "en-GB",
                        Profile = new Profile { GivenName = "Bench", FamilyName = $"Reader {i}" },
                    },
                },
                deadline: DateTime.UtcNow + Deadline);
            ids[i] = created.Contact.Id;
        });
        return ids;
    }
}
