using DataGateway.Catalog.Applications;
using DataGateway.Catalog.Bills;
using DataGateway.Catalog.Datasets;
using DataGateway.Catalog.Grants;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Ledger;
using DataGateway.Catalog.Organizations;
using DataGateway.Catalog.Prices;
using DataGateway.Catalog.Services;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Transfer;
using DataGateway.Catalog.Store.Schema;
using DataGateway.Common.Identity;
using DataGateway.Common.Metrics;
using DataGateway.Common.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataGateway.Catalog.Hosting;

/// <summary>The catalog's wiring, so Program.cs reads as a table of contents.</summary>
public static class CatalogHostingExtensions
{
    public static WebApplicationBuilder AddCatalogServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<CatalogOptions>>().Value.ConnectionString));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CatalogWriter>();
        builder.Services.AddSingleton<HistoryQuery>();
        builder.Services.AddDataGatewayIdentity(builder.Configuration);
        // ASP.NET Core's own request histogram too: labelled by route template, method and status, all bounded.
        builder.Services.AddPrometheusMetrics(o => o.MeterPrefixes.Add("Microsoft.AspNetCore.Hosting"));
        builder.Services.AddHostedService<Observability.CatalogVersionMonitor>();
        // Answers the framework writes itself (a body that is not JSON, an unknown path, a wrong method) get a
        // stable code and the caller's language too, like every answer the catalog's own code gives.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.FrameworkProblems.Customize);
        builder.Services.AddMessageTable(Problems.CatalogMessages.Table);
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            // A body means one thing or is refused: the strict-input middleware names the member first; these are the
            // serializer's own guard behind it.
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        return builder;
    }

    /// <summary>Creates or migrates the schema before the first request is served.</summary>
    public static async Task MigrateCatalogAsync(this WebApplication app)
    {
        await CatalogSchema.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
        await AdminBootstrap.EnsureAsync(app.Services);
    }

    public static WebApplication MapCatalogApi(this WebApplication app)
    {
        app.UseMessageLanguage();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthEndpoints();
        app.MapPrometheusMetrics();
        app.MapDemoIssuer();

        // Everything under /v1 needs a signed-in caller whom the catalog knows as the token describes it.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/v1"), v1 => v1.UseCallerIdentity().UseCatalogCaller().UseStrictInput());
        app.MapOrganizationsApi();
        app.MapDataServicesApi();
        app.MapDatasetsApi();
        app.MapDatasetPricesApi();
        app.MapApplicationsApi();
        app.MapGrantsApi();
        app.MapTransferApi();
        app.MapLedgerApi();
        app.MapBillsApi();
        return app;
    }
}
