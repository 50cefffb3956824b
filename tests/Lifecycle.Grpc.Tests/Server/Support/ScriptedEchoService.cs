using Grpc.Core;
using Lifecycle.Grpc.RichErrors;
using Lifecycle.Grpc.Testing.Echo;

namespace Lifecycle.Grpc.Tests.Server.Support;

/// <summary>An echo implementation whose request text picks a behaviour the server tests need to observe.</summary>
public sealed class ScriptedEchoService(CallProbe probe, CallScopeMarker scope) : EchoService.EchoServiceBase
{
    public const string Throw = "throw";
    public const string Hang = "hang";
    public const string Scope = "scope";
    public const string Invalid = "invalid";
    public const string SecretDetail = "connection string Password=hunter2";

    public override async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        probe.Events.Enqueue("handler");
        switch (request.Text)
        {
            case Throw:
                throw new InvalidOperationException(SecretDetail);
            case Scope:
                return new EchoResponse { Text = scope.Id };
            case Invalid:
                throw RpcExceptions.BadRequest()
                    .AddViolation("email", "must be a valid address")
                    .AddViolation("name", "is required")
                    .ToRpcException();
            case Hang:
                using (context.CancellationToken.Register(() => probe.HandlerTokenCancelled.TrySetResult()))
                {
                    probe.HandlerStarted.TrySetResult();
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }

                break;
        }

        return new EchoResponse { Text = request.Text, Payload = request.Payload };
    }

    /// <summary>Streams one message, then fails: the status must come in trailers after the data.</summary>
    public override async Task Expand(ExpandRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new EchoResponse { Text = request.Text });
        throw new RpcException(new Status(StatusCode.Aborted, "stopped after one"));
    }
}
