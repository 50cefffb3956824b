using Grpc.Core;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Grpc.RichErrors;

namespace Lifecycle.Contacts.Snapshots;

/// <summary>lifecycle.contacts.v1.SnapshotService: get, batch get and watch customer snapshots.</summary>
public sealed class SnapshotGrpcService(SnapshotReader reader, SnapshotLocalCache local, SnapshotWatchers watchers) : SnapshotService.SnapshotServiceBase
{
    public const int MaxBatch = 100;

    public override async Task<GetCustomerSnapshotResponse> GetCustomerSnapshot(GetCustomerSnapshotRequest request, ServerCallContext context)
    {
        var id = ContactIds.Parse(request.ContactId, "contact_id");
        return local.TryGet(id) ?? new() { Snapshot = await reader.GetAsync(id, context.CancellationToken) ?? throw ContactIds.NotFound(id) };
    }

    public override async Task<BatchGetCustomerSnapshotsResponse> BatchGetCustomerSnapshots(BatchGetCustomerSnapshotsRequest request, ServerCallContext context)
    {
        RpcExceptions.BadRequest().AddViolationIf(request.ContactIds.Count > MaxBatch, "contact_ids", $"at most {MaxBatch} ids").ThrowIfAny();
        var ids = request.ContactIds.Select((id, i) => ContactIds.Parse(id, $"contact_ids[{i}]")).Distinct().ToList();
        var snapshots = await reader.GetManyAsync(ids, context.CancellationToken);
        // In the request's order, as before; unknown contacts are left out.
        var positions = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id.ToString(), p => p.i);
        return new() { Snapshots = { snapshots.OrderBy(s => positions[s.ContactId]) } };
    }

    public override async Task WatchCustomerSnapshot(WatchCustomerSnapshotRequest request, IServerStreamWriter<WatchCustomerSnapshotResponse> responseStream, ServerCallContext context)
    {
        var id = ContactIds.Parse(request.ContactId, "contact_id");
        // Subscribe before reading the current snapshot so a change in between is not missed.
        using var subscription = watchers.Watch(id.ToString());
        var current = await reader.GetAsync(id, context.CancellationToken) ?? throw ContactIds.NotFound(id);
        await responseStream.WriteAsync(new() { Snapshot = current });
        var sent = current.Version;
        await foreach (var snapshot in subscription.Reader.ReadAllAsync(context.CancellationToken))
        {
            // Local writes and Redis pub/sub both deliver; versions make each one count once, in order.
            if (snapshot.Version > sent)
            {
                await responseStream.WriteAsync(new() { Snapshot = snapshot });
                sent = snapshot.Version;
            }
        }
    }
}
