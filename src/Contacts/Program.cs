using Lifecycle.Contacts;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApplicationEndpoints();
app.Run();

/// <summary>The Contacts service's entry point; public so tests can locate the assembly.</summary>
public partial class Program;
