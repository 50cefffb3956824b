using Google.Protobuf;
using Grpc.Core;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Lifecycle.Grpc.Reflection;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection, still the only version many tools ask for. Its messages are
/// field-for-field identical to v1, so each one is converted through its bytes and answered by the v1 handler.
/// </summary>
internal sealed class ReflectionV1AlphaServiceImpl(ReflectionRequestHandler handler) : V1Alpha.ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requestStream,
        IServerStreamWriter<V1Alpha.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requestStream.Current.ToByteString());
            var response = handler.Handle(request);
            await responseStream.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(response.ToByteString()));
        }
    }
}
