using System.Buffers.Binary;
using Google.Protobuf;
using Grpc.Net.Client;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Bench;

/// <summary>
/// The body h2load sends: one GetCustomerSnapshot request in gRPC framing (flag byte, big-endian length, message).
/// The snapshot is read twice first, so the first read writes it to Redis and every timed call is a cache hit.
/// </summary>
public sealed record CachedSnapshotRequest(string ContactId, int SnapshotBytes)
{
    public static async Task<CachedSnapshotRequest> WriteAsync(GrpcChannel channel, string path)
    {
        var contactId = (await BenchContacts.CreateAsync(channel, 1))[0];
        var snapshots = new SnapshotService.SnapshotServiceClient(channel);
        var request = new GetCustomerSnapshotRequest { ContactId = contactId };
        GetCustomerSnapshotResponse response = new();
        for (var read = 0; read < 2; read++)
        {
            response = await snapshots.GetCustomerSnapshotAsync(request, deadline: DateTime.UtcNow + BenchContacts.Deadline);
        }

        var message = request.ToByteArray();
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        await File.WriteAllBytesAsync(path, framed);
        return new CachedSnapshotRequest(contactId, response.Snapshot.CalculateSize());
    }
}
