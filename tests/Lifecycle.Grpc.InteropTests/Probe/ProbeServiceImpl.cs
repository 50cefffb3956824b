using Grpc.Core;
using Lifecycle.Grpc.RichErrors;

namespace Lifecycle.Grpc.InteropTests.Probe;

/// <summary>Rich errors and server-side cancellation, made visible to foreign clients (see probe.proto).</summary>
public sealed class ProbeServiceImpl(CancellationLog cancellations) : ProbeService.ProbeServiceBase
{
    public override Task<ValidateResponse> Validate(ValidateRequest request, ServerCallContext context)
    {
        RpcExceptions.BadRequest()
            .AddViolationIf(request.Email.Length == 0, "email", "An email address is required.")
            .AddViolationIf(request.DisplayName.Length == 0, "display_name", "A display name is required.")
            .ThrowIfAny("The request has invalid fields.");
        return Task.FromResult(new ValidateResponse { Greeting = $"Hello {request.DisplayName}" });
    }

    public override async Task<HangResponse> Hang(HangRequest request, ServerCallContext context)
    {
        // Headers first: the client cancels only once it knows this handler is running.
        await context.WriteResponseHeadersAsync(new Metadata());
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancellations.Observe(request.Ticket);
            throw;
        }

        return new HangResponse();
    }

    public override async Task<AwaitCancellationResponse> AwaitCancellation(AwaitCancellationRequest request, ServerCallContext context)
    {
        await cancellations.WaitAsync(request.Ticket, context.CancellationToken);
        return new AwaitCancellationResponse { Observed = true };
    }
}
