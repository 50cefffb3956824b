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
var loyaltyDb = databases.AddDatabase("loyaltydb");
var campaignsDb = databases.AddDatabase("campaignsdb");

// Services join below as their projects land (stable ports 7101-7104), each as one AddProject(...)
// chained with WithReference/WaitFor on cache, messaging and its database: see docs/architecture.md.

await builder.Build().RunAsync();
