using Google.Protobuf;
using Grpc.Core;
using Lifecycle.Grpc.Testing.Echo;

namespace Lifecycle.Grpc.Tests.Client.Infrastructure;

/// <summary>Unary methods pointing at <see cref="RawEndpoints"/>, with the echo messages.</summary>
public static class RawMethods
{
    public static Method<EchoRequest, EchoResponse> Unary(string name) => new(
        MethodType.Unary,
        RawEndpoints.Service,
        name,
        Marshallers.Create<EchoRequest>(request => request.ToByteArray(), EchoRequest.Parser.ParseFrom),
        Marshallers.Create<EchoResponse>(response => response.ToByteArray(), EchoResponse.Parser.ParseFrom));
}
