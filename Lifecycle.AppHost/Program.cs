using Lifecycle.Hosting;

// Flags: --postgres (service databases in one PostgreSQL), --fresh (wipe .lifecycle/data),
// --port-base N, Ports__<resource>=N, --free-ports, --state-dir DIR. See docs/architecture.md.
var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure starts first and in parallel; RabbitMQ's boot (6-9 s) is the critical path.
var cache = builder.AddRedis("cache");
var messaging = builder.AddRabbitMQ("messaging");

// One database per service: SQLite files by default, or databases in one PostgreSQL with --postgres.
var databases = builder.AddDatabaseServer("pg");
var contactsDb = databases.AddDatabase("contactsdb");
var ordersDb = databases.AddDatabase("ordersdb");

// Each service is healthy once its grpc.health.v1 answers SERVING (database migrated, Redis and RabbitMQ reachable).
var contacts = builder.AddProject("contacts", "src/Contacts/Lifecycle.Contacts.csproj", port: 7101)
    .WithReference(cache).WaitFor(cache)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(contactsDb).WaitFor(contactsDb)
    .WithGrpcHealthCheck();

// Orders publishes the purchase facts contacts consumes; contacts starts first so its queues exist before the first order.
builder.AddProject("orders", "src/Orders/Lifecycle.Orders.csproj", port: 7102)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(ordersDb).WaitFor(ordersDb)
    .WaitFor(contacts)
    .WithGrpcHealthCheck();

await builder.Build().RunAsync();
