using Grpc.Core;
using Grpc.Net.Client;
using Lifecycle.Testing;

namespace Lifecycle.SystemTests;

/// <summary>One running system for the whole collection: the AppHost on free ports, with typed clients per service.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private readonly Dictionary<string, GrpcChannel> channels = [];

    public SystemHarness Harness { get; } = new();

    /// <summary>A generated client for <paramref name="service"/>, as a frontend would create it.</summary>
    public TClient Client<TClient>(string service)
        where TClient : ClientBase<TClient>
    {
        if (!channels.TryGetValue(service, out var channel))
        {
            channel = GrpcChannel.ForAddress(Harness.GrpcEndpoints[service]);
            channels[service] = channel;
        }

        return (TClient)Activator.CreateInstance(typeof(TClient), channel)!;
    }

    public Task InitializeAsync() => Harness.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var channel in channels.Values)
        {
            channel.Dispose();
        }

        await Harness.DisposeAsync();
    }
}

/// <summary>Tests sharing one running system.</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
