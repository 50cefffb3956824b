using Grpc.Core;
using Lifecycle.Grpc.Testing.Echo;

namespace Lifecycle.Grpc.Bench;

/// <summary>
/// The smallest honest echo: the benchmark measures the runtime, so the handler does no more than the bare
/// endpoint does (the test kit's echo also copies "x-echo-" metadata, which is test behaviour, not runtime cost).
/// </summary>
internal sealed class BenchEchoService : EchoService.EchoServiceBase
{
    private static readonly Task<EchoResponse> Reply = Task.FromResult(new EchoResponse { Text = EchoPayloads.Text });

    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        request.Text == EchoPayloads.Text ? Reply : Task.FromResult(new EchoResponse { Text = request.Text });

    public override async Task Expand(ExpandRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        var reply = Reply.Result;
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(reply);
        }
    }
}
