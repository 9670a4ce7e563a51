using DataGateway.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayServices();

var app = builder.Build();
await app.LoadCatalogAsync();
app.MapGateway();
await app.RunAsync();

/// <summary>Entry point; public so tests can reach the assembly.</summary>
public partial class Program;
