using Lifecycle.Messaging;
using Lifecycle.Messaging.Outbox;
using Lifecycle.Messaging.TestDispatcher;
using Lifecycle.Messaging.TestDispatcher.Model;
using Lifecycle.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Configuration comes from the environment like a real service: ConnectionStrings__messaging,
// ConnectionStrings__testdb (SQLite), and optionally HALT_AFTER_PUBLISH_MARKER (path of the marker file).
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddDbContext<TestDbContext>(options =>
    options.UseSqlite(builder.Configuration.GetConnectionString("testdb")
        ?? throw new InvalidOperationException("ConnectionStrings__testdb is required"))
        .AddInterceptors(SqlitePragmaInterceptor.For(SqliteSynchronous.Normal)),
    ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
builder.AddMessaging<TestDbContext>("test-dispatcher");

var marker = builder.Configuration["HALT_AFTER_PUBLISH_MARKER"];
if (!string.IsNullOrEmpty(marker))
{
    builder.Services.AddSingleton<IOutboxRelayObserver>(new HaltAfterPublishObserver(marker));
}

await builder.Build().RunAsync();
