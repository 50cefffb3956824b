using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Lifecycle.Grpc.Tests.Server.Support;

/// <summary>Records "{name}:before" and "{name}:after" around the handler, plus the DI scope it saw.</summary>
public class RecordingInterceptor(CallProbe probe, string name) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var scope = (CallScopeMarker)context.GetHttpContext().RequestServices.GetService(typeof(CallScopeMarker))!;
        probe.Events.Enqueue($"{name}:scope:{scope.Id}");
        probe.Events.Enqueue($"{name}:before");
        var response = await continuation(request, context);
        probe.Events.Enqueue($"{name}:after");
        return response;
    }
}

/// <summary>The first interceptor of the order test.</summary>
public sealed class FirstInterceptor(CallProbe probe) : RecordingInterceptor(probe, "first");

/// <summary>The second interceptor of the order test.</summary>
public sealed class SecondInterceptor(CallProbe probe) : RecordingInterceptor(probe, "second");
