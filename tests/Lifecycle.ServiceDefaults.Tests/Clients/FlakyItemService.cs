using Grpc.Core;

namespace Lifecycle.ServiceDefaults.Tests.Clients;

/// <summary>Fails the first <see cref="FailuresBeforeSuccess"/> calls with UNAVAILABLE, then answers; counts every call.</summary>
public sealed class FlakyItemService : ItemService.ItemServiceBase
{
    private int calls;

    public int FailuresBeforeSuccess { get; init; } = 2;

    public int Calls => Volatile.Read(ref calls);

    public override Task<Item> GetItem(GetItemRequest request, ServerCallContext context) => Answer(request.Id, context);

    public override Task<Item> CreateItem(CreateItemRequest request, ServerCallContext context) => Answer(request.Name, context);

    private Task<Item> Answer(string id, ServerCallContext context)
    {
        var call = Interlocked.Increment(ref calls);
        if (call <= FailuresBeforeSuccess)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"shedding call {call}"));
        }

        return Task.FromResult(new Item { Id = id, Calls = call, HadDeadline = context.Deadline != DateTime.MaxValue });
    }
}
