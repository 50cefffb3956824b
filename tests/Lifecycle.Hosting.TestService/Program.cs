using Lifecycle.Hosting.TestService;

var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();

app.MapGet("/health", () => "Healthy");
app.MapPost("/grpc.health.v1.Health/Check", GrpcHealth.CheckAsync);
// Lets tests verify the configuration the AppHost injected (keys use ':' as in IConfiguration).
app.MapGet("/config/{key}", (string key, IConfiguration configuration) =>
    configuration[key] is { } value ? Results.Text(value) : Results.NotFound());
app.MapPost("/crash", (HttpContext context) =>
{
    // Exit with a non-zero code, like an unhandled failure would, once the response has been sent: a fixed delay from
    // the handler lost the race on a busy CI machine and the caller saw the connection end instead of its 202.
    context.Response.OnCompleted(() =>
    {
        _ = Task.Delay(200).ContinueWith(_ => Environment.Exit(3), TaskScheduler.Default);
        return Task.CompletedTask;
    });
    return Results.Accepted();
});

app.Run();
