using Grpc.Net.Client;
using Lifecycle.Contacts.Data;
using Lifecycle.Contracts.Contacts.V1;
using Lifecycle.Messaging.Outbox;
using Lifecycle.ServiceDefaults.Data;
using Lifecycle.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Contacts.Tests.Infrastructure;

/// <summary>
/// The real Contacts service (same wiring as Program.cs) on Kestrel at a free loopback port, against a fresh SQLite
/// file or PostgreSQL database, real Redis and RabbitMQ; clients speak gRPC over HTTP/2 through our channel.
/// </summary>
public sealed class ContactsHost(WebApplication app, GrpcChannel channel, TestDirectory? directory) : IAsyncDisposable
{
    public IServiceProvider Services => app.Services;

    public GrpcChannel Channel => channel;

    public ContactsService.ContactsServiceClient Contacts { get; } = new(channel);

    public LifecycleService.LifecycleServiceClient Lifecycle { get; } = new(channel);

    public SnapshotService.SnapshotServiceClient Snapshots { get; } = new(channel);

    public InteractionService.InteractionServiceClient Interactions { get; } = new(channel);

    public TimelineService.TimelineServiceClient Timeline { get; } = new(channel);

    public CustomerValueService.CustomerValueServiceClient Value { get; } = new(channel);

    public PrivacyService.PrivacyServiceClient Privacy { get; } = new(channel);

    public SegmentService.SegmentServiceClient Segments { get; } = new(channel);

    public static async Task<ContactsHost> StartAsync(
        ContactsInfrastructure infrastructure, string provider, Action<WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null, string? connectionString = null)
    {
        TestDirectory? directory = null;
        if (connectionString is null)
        {
            (connectionString, directory) = await NewDatabaseAsync(infrastructure, provider);
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Lifecycle.Contacts", EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            ["Database:Provider"] = provider,
            ["ConnectionStrings:contactsdb"] = connectionString,
            ["ConnectionStrings:cache"] = infrastructure.Redis.ConnectionString,
            ["ConnectionStrings:messaging"] = infrastructure.RabbitMq.ConnectionString,
            ["Contacts:PageTokenKey"] = "test-page-token-key-0123456789",
            ["Contacts:InactivitySweepEnabled"] = "false",
            ["Contacts:SegmentSweepEnabled"] = "false",
            ["Messaging:RetryMinInterval"] = "00:00:00.050",
            ["Messaging:RetryMaxInterval"] = "00:00:00.400",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            ["Messaging:Outbox:MinBackoff"] = "00:00:00.200",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        // Tests publish right after start: queues must be bound before the first event goes out.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapApplicationEndpoints();
        await app.StartAsync();
        await app.Services.GetRequiredService<MigrationStatus<ContactsDbContext>>().Migrated.WaitAsync(TimeSpan.FromSeconds(60));
        return new ContactsHost(app, GrpcChannel.ForAddress(app.Urls.Single()), directory);
    }

    public static async Task<(string ConnectionString, TestDirectory? Directory)> NewDatabaseAsync(ContactsInfrastructure infrastructure, string provider)
    {
        if (provider == "Postgres")
        {
            return (await infrastructure.Postgres.CreateDatabaseAsync($"contacts_{Guid.NewGuid():N}"), null);
        }
        var directory = new TestDirectory("contacts-db");
        return ($"Data Source={Path.Combine(directory.Path, "contacts.db")}", directory);
    }

    /// <summary>A fresh DbContext for reading what the service stored.</summary>
    public async Task<T> QueryAsync<T>(Func<ContactsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        return await query(db);
    }

    public Task<List<string>> OutboxTypesAsync(string aggregateId) =>
        QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.AggregateId == aggregateId).OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
        directory?.Dispose();
    }
}
