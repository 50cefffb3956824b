using Lifecycle.Contacts.Analytics;
using Lifecycle.Contacts.Contacts;
using Lifecycle.Contacts.Data;
using Lifecycle.Contacts.Interactions;
using Lifecycle.Contacts.Lifecycle;
using Lifecycle.Contacts.Orders;
using Lifecycle.Contacts.Privacy;
using Lifecycle.Contacts.Segments;
using Lifecycle.Contacts.Snapshots;
using Lifecycle.Contacts.Timeline;
using Lifecycle.Contacts.Value;
using Lifecycle.Contracts.Events;
using Lifecycle.Messaging;
using Lifecycle.Messaging.Inbox;
using Lifecycle.Messaging.Persistence;
using Lifecycle.ServiceDefaults.Data;

namespace Lifecycle.Contacts;

/// <summary>The Contacts service's wiring: database, messaging, Redis, feature services and gRPC endpoints.</summary>
public static class Extensions
{
    public const string ServiceName = "contacts";
    public const string DatabaseName = "contactsdb";
    public const string CacheName = "cache";

    /// <summary>
    /// Messages each order queue consumes at once, and so the largest inbox batch (Messaging:InboxBatchSize caps it
    /// too): large enough that a burst is applied in a few transactions, small enough that one batch's transaction
    /// stays short. Messaging:PrefetchCount (appsettings.json) keeps at least this many delivered, and
    /// Messaging:InboxBatchAppliers is 1: on PostgreSQL two concurrent batches of a queue would nearly always share a
    /// contact, and the loser's version check would roll its whole batch back to one-by-one processing.
    /// </summary>
    public const int OrderQueueConcurrency = 128;

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ContactsOptions>(ContactsOptions.SectionName);
        // SQLite (ignored on PostgreSQL): synchronous=NORMAL, as Lifecycle.Messaging advises for services on SQLite. In
        // WAL mode a commit then costs no fsync (a committed inbox row survives a process crash; a power loss may drop
        // the last few commits), which otherwise caps the one-at-a-time inbox transactions at the disk's fsync rate.
        builder.AddServiceDbContext<ContactsDbContext>(DatabaseName, sqliteSynchronous: SqliteSynchronous.Normal);
        // Before messaging: hosted services stop in reverse order, so the worker drains what the consumers committed last.
        builder.Services.AddHostedService<CommittedChangeWorker>();
        // The order handlers find their contact and order in the unit of work before querying (OrderReadModel), so one
        // save per inbox batch is correct for them, and the queues take large batches: per event, the inbox query, the
        // stage model read, change detection, the commit and the snapshot rebuild are shared by up to a batch of events.
        builder.AddMessaging<ContactsDbContext>(ServiceName, messaging => messaging
            .AddHandler<OrderPlacedHandler, OrderPlaced>(OrderQueueConcurrency, InboxBatchSaving.OncePerBatch)
            .AddHandler<OrderPaidHandler, OrderPaid>(OrderQueueConcurrency, InboxBatchSaving.OncePerBatch)
            .AddHandler<OrderRefundedHandler, OrderRefunded>(OrderQueueConcurrency, InboxBatchSaving.OncePerBatch)
            .AddHandler<OrderCancelledHandler, OrderCancelled>(OrderQueueConcurrency, InboxBatchSaving.OncePerBatch)
            .AddHandler<CartUpdatedHandler, CartUpdated>(OrderQueueConcurrency, InboxBatchSaving.OncePerBatch)
            .AddHandler<CartAbandonedHandler, CartAbandoned>(OrderQueueConcurrency, InboxBatchSaving.OncePerBatch));

        var services = builder.Services;
        services.AddSingleton<PageTokens>();
        services.AddScoped<ContactCreator>();
        services.AddScoped<ContactUpdater>();
        services.AddScoped<StageModelStore>();
        services.AddScoped<StageMover>();
        services.AddScoped<LifecycleRules>();
        services.AddScoped<ManualStageMove>();
        services.AddScoped<SchedulerLeases>();
        services.AddScoped<InactivitySweep>();
        services.AddScoped<OrderReadModel>();
        // An inbox batch's new order rows go in with one multi-row INSERT instead of one statement each.
        services.AddSingleton<OrderRowsInsertInterceptor>();
        services.ConfigureDbContext<ContactsDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<OrderRowsInsertInterceptor>()));
        // The inbox loads each order batch's contacts and orders in one query each before the handlers run.
        services.AddScoped<OrderBatchPreparer>();
        services.AddScoped<IIntegrationEventBatchPreparer<OrderPlaced>>(sp => sp.GetRequiredService<OrderBatchPreparer>());
        services.AddScoped<IIntegrationEventBatchPreparer<OrderPaid>>(sp => sp.GetRequiredService<OrderBatchPreparer>());
        services.AddScoped<IIntegrationEventBatchPreparer<OrderRefunded>>(sp => sp.GetRequiredService<OrderBatchPreparer>());
        services.AddScoped<IIntegrationEventBatchPreparer<OrderCancelled>>(sp => sp.GetRequiredService<OrderBatchPreparer>());
        services.AddScoped<IIntegrationEventBatchPreparer<CartUpdated>>(sp => sp.GetRequiredService<OrderBatchPreparer>());
        services.AddScoped<IIntegrationEventBatchPreparer<CartAbandoned>>(sp => sp.GetRequiredService<OrderBatchPreparer>());
        services.AddScoped<InteractionRecorder>();
        services.AddScoped<TimelineQuery>();
        services.AddScoped<CustomerValueReader>();
        services.AddSingleton<CustomerValueCalculator>();
        services.AddScoped<ContactExporter>();
        services.AddScoped<ContactEraser>();
        services.AddLifecycleAnalytics();
        AddSnapshots(services);
        // After the snapshot interceptor (interceptors run in the order added), which must see the contacts as modified:
        // an inbox batch's changed contacts are written with one multi-row UPDATE instead of one statement each.
        services.AddSingleton<ContactRowsUpdateInterceptor>();
        services.ConfigureDbContext<ContactsDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<ContactRowsUpdateInterceptor>()));
        AddSegments(builder);
        if (builder.Configuration.GetValue($"{ContactsOptions.SectionName}:{nameof(ContactsOptions.InactivitySweepEnabled)}", true))
        {
            services.AddHostedService<InactivityScheduler>();
        }
        return builder;
    }

    private static void AddSnapshots(IServiceCollection services)
    {
        services.AddRedisClient(CacheName);
        services.AddHealthChecks().AddRedis(CacheName);
        services.AddSingleton<SnapshotCache>();
        services.AddSingleton<SnapshotLocalCache>();
        services.AddSingleton<SnapshotWatchers>();
        services.AddSingleton<SnapshotRefresher>();
        services.AddSingleton<SnapshotChangeInterceptor>();
        // The interceptor keeps state per context: it brings the return hook that has it forgotten (idempotent).
        services.ConfigureDbContext<ContactsDbContext>((provider, options) =>
            options.AddInterceptors(provider.GetRequiredService<SnapshotChangeInterceptor>()).AddDbContextReturnHook());
        services.AddScoped<SnapshotBuilder>();
        services.AddSingleton<SnapshotReader>();
        // Only singletons inside: one instance serves every call instead of one activated per call.
        services.AddSingleton<SnapshotGrpcService>();
        services.AddSingleton<CommittedChangeQueue>();
        services.AddHostedService<SnapshotSubscription>();
        services.AddHostedService<SnapshotRepair>();
    }

    private static void AddSegments(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<SegmentRuleCompiler>();
        services.AddScoped<SegmentEvaluator>();
        services.AddScoped<SegmentMembership>();
        services.AddScoped<SegmentEvaluation>();
        services.AddScoped<ContactSegmentRefresh>();
        services.AddSingleton<SegmentRefresher>();
        services.AddScoped<SegmentCreator>();
        services.AddScoped<SegmentUpdater>();
        services.AddScoped<SegmentSweep>();
        if (builder.Configuration.GetValue($"{ContactsOptions.SectionName}:{nameof(ContactsOptions.SegmentSweepEnabled)}", true))
        {
            services.AddHostedService<SegmentScheduler>();
        }
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcService<ContactsGrpcService>();
        app.MapGrpcService<LifecycleGrpcService>();
        app.MapGrpcService<SnapshotGrpcService>();
        app.MapGrpcService<InteractionGrpcService>();
        app.MapGrpcService<TimelineGrpcService>();
        app.MapGrpcService<CustomerValueGrpcService>();
        app.MapGrpcService<PrivacyGrpcService>();
        app.MapGrpcService<LifecycleAnalyticsGrpcService>();
        app.MapGrpcService<SegmentGrpcService>();
        return app;
    }
}
