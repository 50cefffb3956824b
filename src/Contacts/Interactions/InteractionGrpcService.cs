using Grpc.Core;
using Lifecycle.Contracts.Contacts.V1;

namespace Lifecycle.Contacts.Interactions;

/// <summary>lifecycle.contacts.v1.InteractionService: records touchpoints.</summary>
public sealed class InteractionGrpcService(InteractionRecorder recorder) : InteractionService.InteractionServiceBase
{
    public override async Task<RecordInteractionResponse> RecordInteraction(RecordInteractionRequest request, ServerCallContext context) =>
        new() { Interaction = (await recorder.RecordAsync(request, context.CancellationToken)).ToApi() };
}
