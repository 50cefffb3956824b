using Grpc.AspNetCore.Server;
using Grpc.Core.Interceptors;

namespace Lifecycle.Grpc.Server;

/// <summary>The interceptors of one call, resolved from its DI scope; disposes the ones it activated.</summary>
internal sealed class ResolvedInterceptors(InterceptorRegistration[] registrations, IServiceProvider services) : IAsyncDisposable
{
    private readonly Interceptor[] interceptors = new Interceptor[registrations.Length];
    private readonly bool[] created = new bool[registrations.Length];

    public int Count => registrations.Length;

    /// <summary>The interceptor at <paramref name="index"/>; index 0 runs outermost.</summary>
    public Interceptor this[int index] => interceptors[index] ??= registrations[index].Resolve(services, out created[index]);

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < interceptors.Length; i++)
        {
            if (!created[i])
            {
                continue;
            }

            if (interceptors[i] is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                (interceptors[i] as IDisposable)?.Dispose();
            }
        }
    }
}
