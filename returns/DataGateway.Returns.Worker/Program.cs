using DataGateway.Returns.Worker.Hosting;

// Settings files sit beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddReturnWorker();

var app = builder.Build();
await app.MigrateReturnsAsync();
app.MapReturnWorkerEndpoints();
await app.RunAsync();

/// <summary>Entry point; public so tests can reach the assembly.</summary>
public partial class Program;
