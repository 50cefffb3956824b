using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Status = Grpc.Core.Status;

namespace Lifecycle.Grpc.Tests.Client.Infrastructure;

/// <summary>Server-side hooks for client tests: reports aborted calls to the probe and fails with rich error details on request.</summary>
public sealed class TestServerInterceptor(CallProbe probe) : Interceptor
{
    /// <summary>Request header asking the server to fail with INVALID_ARGUMENT and a google.rpc.BadRequest detail for this field.</summary>
    public const string RichErrorHeader = "x-rich-error-field";

    public static readonly Status RichErrorStatus = new(StatusCode.InvalidArgument, "The request is not valid.");

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Observe(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Observe(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Observe(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Observe(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Observe(ServerCallContext context)
    {
        probe.Watch(context.RequestHeaders.GetValue(CallProbe.Header), context.CancellationToken);
        if (context.RequestHeaders.GetValue(RichErrorHeader) is { } field)
        {
            throw new RpcException(RichErrorStatus, RichErrorTrailers(field));
        }
    }

    private static Metadata RichErrorTrailers(string field)
    {
        var details = new Google.Rpc.Status
        {
            Code = (int)RichErrorStatus.StatusCode,
            Message = RichErrorStatus.Detail,
            Details = { Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = "must not be empty" } } }) },
        };
        return new Metadata { { "grpc-status-details-bin", details.ToByteArray() } };
    }
}
