using Grpc.Core;
using Grpc.Reflection.V1;

namespace Lifecycle.Grpc.Reflection;

/// <summary>grpc.reflection.v1.ServerReflection: one response per request on the same stream.</summary>
internal sealed class ReflectionServiceImpl(ReflectionRequestHandler handler) : ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requestStream,
        IServerStreamWriter<ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(handler.Handle(requestStream.Current));
        }
    }
}
