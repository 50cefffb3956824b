using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Lifecycle.Grpc.Tests.Server.Support;

/// <summary>Records the call's deadline as the handler sees it.</summary>
public sealed class DeadlineRecordingInterceptor(CallProbe probe) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        probe.Events.Enqueue("deadline:" + context.Deadline.ToString("O"));
        return continuation(request, context);
    }
}
