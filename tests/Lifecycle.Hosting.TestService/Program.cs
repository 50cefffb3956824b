using Lifecycle.Hosting.TestService;

var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();

app.MapGet("/health", () => "Healthy");
app.MapPost("/grpc.health.v1.Health/Check", GrpcHealth.CheckAsync);
// Lets tests verify the configuration the AppHost injected (keys use ':' as in IConfiguration).
app.MapGet("/config/{key}", (string key, IConfiguration configuration) =>
    configuration[key] is { } value ? Results.Text(value) : Results.NotFound());
app.MapPost("/crash", () =>
{
    // Exit after the response is on its way, with a non-zero code, like an unhandled failure would.
    _ = Task.Delay(100).ContinueWith(_ => Environment.Exit(3), TaskScheduler.Default);
    return Results.Accepted();
});

app.Run();
