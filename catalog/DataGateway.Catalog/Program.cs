using DataGateway.Catalog.Hosting;
using DataGateway.Common.Configuration;

// A missing or invalid setting ends start-up with its full key on stderr and a non-zero exit (StartupConfiguration).
return await StartupConfiguration.RunAsync(async () =>
{
    // Settings files sit beside the program, wherever it is started from.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddCatalogServices();

    var app = builder.Build();
    app.ValidateSettings();
    await app.MigrateCatalogAsync();
    app.MapCatalogApi();
    await app.RunAsync();
});

/// <summary>Entry point; public so tests can reach the assembly.</summary>
public partial class Program;
