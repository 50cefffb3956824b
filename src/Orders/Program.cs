using Lifecycle.Orders;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApplicationEndpoints();
app.Run();

/// <summary>The Orders service's entry point; public so tests can locate the assembly.</summary>
public partial class Program;
