using DataGateway.Common.Configuration;
using DataGateway.Gateway.Hosting;

// A missing or invalid setting ends start-up with its full key on stderr and a non-zero exit (StartupConfiguration).
return await StartupConfiguration.RunAsync(async () =>
{
    // Settings files sit beside the program, wherever it is started from.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddGatewayServices();

    var app = builder.Build();
    app.ValidateSettings();
    await app.MigrateGatewayAsync();
    await app.LoadCatalogAsync();
    app.StartLedger();
    app.MapGateway();
    await app.RunAsync();
});

/// <summary>Entry point; public so tests can reach the assembly.</summary>
public partial class Program;
