using DataGateway.Catalog.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCatalogServices();

var app = builder.Build();
await app.MigrateCatalogAsync();
app.MapCatalogApi();
await app.RunAsync();

/// <summary>Entry point; public so tests can reach the assembly.</summary>
public partial class Program;
