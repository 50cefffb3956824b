namespace Grpc.Core;

/// <summary>Adds authentication metadata to an outgoing call.</summary>
public delegate Task AsyncAuthInterceptor(AuthInterceptorContext context, Metadata metadata);

/// <summary>What an <see cref="AsyncAuthInterceptor"/> knows about the call.</summary>
public class AuthInterceptorContext(string serviceUrl, string methodName, CancellationToken cancellationToken = default)
{
    public string ServiceUrl { get; } = serviceUrl;

    public string MethodName { get; } = methodName;

    public CancellationToken CancellationToken { get; } = cancellationToken;
}

/// <summary>Per-call credentials: metadata added just before the call starts.</summary>
public abstract class CallCredentials
{
    public static CallCredentials FromInterceptor(AsyncAuthInterceptor interceptor) => new InterceptorCredentials(interceptor);

    /// <summary>The interceptor that applies these credentials.</summary>
    internal abstract AsyncAuthInterceptor Interceptor { get; }

    private sealed class InterceptorCredentials(AsyncAuthInterceptor interceptor) : CallCredentials
    {
        internal override AsyncAuthInterceptor Interceptor { get; } = interceptor;
    }
}
