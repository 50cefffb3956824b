using Lifecycle.Messaging;
using Lifecycle.Orders.AbandonedCarts;
using Lifecycle.Orders.Carts;
using Lifecycle.Orders.Catalogue;
using Lifecycle.Orders.Checkout;
using Lifecycle.Orders.Data;
using Lifecycle.Orders.Orders;
using Lifecycle.Orders.Payments;
using Lifecycle.Orders.Recommendations;
using Lifecycle.Orders.Refunds;

namespace Lifecycle.Orders;

/// <summary>The Orders service's wiring: database, messaging (outbox only: Orders consumes no events), features, gRPC endpoints.</summary>
public static class Extensions
{
    public const string ServiceName = "orders";
    public const string DatabaseName = "ordersdb";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<OrdersOptions>(OrdersOptions.SectionName);
        builder.AddServiceDbContext<OrdersDbContext>(DatabaseName);
        builder.AddMessaging<OrdersDbContext>(ServiceName);

        var services = builder.Services;
        services.AddSingleton<PageTokens>();
        services.AddScoped<ProductWriter>();
        services.AddScoped<CartEditor>();
        services.AddScoped<OrderLoader>();
        services.AddScoped<OrderPlacer>();
        services.AddScoped<OrderCanceller>();
        services.AddScoped<OrderFulfiller>();
        services.AddScoped<PaymentRecorder>();
        services.AddScoped<RefundWriter>();
        services.AddScoped<OrderRefunder>();
        services.AddScoped<AbandonedCartSweep>();
        services.AddScoped<CoPurchaseQuery>();
        if (builder.Configuration.GetValue($"{OrdersOptions.SectionName}:{nameof(OrdersOptions.AbandonedCartScanEnabled)}", true))
        {
            services.AddHostedService<AbandonedCartScheduler>();
        }
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcService<CatalogueGrpcService>();
        app.MapGrpcService<CartsGrpcService>();
        app.MapGrpcService<OrdersGrpcService>();
        app.MapGrpcService<PaymentsGrpcService>();
        app.MapGrpcService<RefundsGrpcService>();
        app.MapGrpcService<RecommendationsGrpcService>();
        return app;
    }
}
