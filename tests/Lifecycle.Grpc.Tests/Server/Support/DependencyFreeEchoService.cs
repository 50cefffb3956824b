using Grpc.Core;
using Lifecycle.Grpc.Testing.Echo;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Grpc.Tests.Server.Support;

/// <summary>
/// A service neither registered in DI nor taking constructor arguments (activated without touching the call's
/// scope). It reports what it sees through the scope it asks for itself: its own instance and the call's scope; the probe
/// records when each instance is disposed.
/// </summary>
public sealed class DependencyFreeEchoService : EchoService.EchoServiceBase, IDisposable
{
    private readonly string instance = Guid.NewGuid().ToString("N");
    private CallProbe? probe;

    /// <summary>A request text that makes Echo throw before it returns a task (not a faulted task: a synchronous throw).</summary>
    public const string ThrowAtOnce = "throw at once";

    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        var services = context.GetHttpContext().RequestServices;
        probe = services.GetRequiredService<CallProbe>();
        if (request.Text == ThrowAtOnce)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "refused at once"));
        }

        var scope = services.GetRequiredService<CallScopeMarker>().Id;
        return Task.FromResult(new EchoResponse { Text = $"{instance} {scope}" });
    }

    public void Dispose() => probe?.Events.Enqueue($"disposed:{instance}");
}
