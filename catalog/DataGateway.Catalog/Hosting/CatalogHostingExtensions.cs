using DataGateway.Common.Configuration;
using DataGateway.Catalog.ApiReference;
using DataGateway.Catalog.Applications;
using DataGateway.Catalog.Bills;
using DataGateway.Catalog.WebConsole;
using DataGateway.Catalog.Bundles;
using DataGateway.Catalog.Explain;
using DataGateway.Catalog.Datasets;
using DataGateway.Catalog.Consents;
using DataGateway.Catalog.Disputes;
using DataGateway.Catalog.Grants;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.LandingZones;
using DataGateway.Catalog.Notifications;
using DataGateway.Catalog.Ledger;
using DataGateway.Catalog.Observability;
using DataGateway.Catalog.Organizations;
using DataGateway.Catalog.Prices;
using DataGateway.Catalog.Returns;
using DataGateway.Catalog.Services;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Transfer;
using DataGateway.Catalog.Usage;
using DataGateway.Catalog.Store.Documents;
using DataGateway.Catalog.Store.Schema;
using DataGateway.Common.ApiReference;
using DataGateway.Common.Hosting;
using DataGateway.Common.Identity;
using DataGateway.Common.Observability;
using DataGateway.Common.Problems;
using DataGateway.Common.Text;
using DataGateway.Ledger.Schema;
using DataGateway.Returns.Jobs;
using DataGateway.Returns.Schema;
using DataGateway.Schema;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataGateway.Catalog.Hosting;

/// <summary>The catalog's wiring, so Program.cs reads as a table of contents.</summary>
public static class CatalogHostingExtensions
{
    public static WebApplicationBuilder AddCatalogServices(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureEdgeLimits();
        builder.Services.AddValidatedOptions<CatalogOptions>(CatalogOptions.Section);
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(
            CatalogStoreOptions.WithAutoPrepare(sp.GetRequiredService<IOptions<CatalogOptions>>().Value.ConnectionString)));
        // One document store for the catalog, on the same data source as the catalog's own SQL so a change can hold
        // both in one transaction (CatalogWriter).
        builder.Services.AddMarten(sp =>
        {
            var options = new StoreOptions();
            CatalogStoreOptions.Configure(options, sp.GetRequiredService<NpgsqlDataSource>());
            return options;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CatalogChainSigner>();
        builder.Services.AddSingleton<CatalogWriter>();
        // The ledger's read-only queries, on the read replica when one is configured (CatalogOptions.ReadConnectionString).
        builder.Services.AddSingleton(sp => LedgerReadDataSource.Create(
            sp.GetRequiredService<IOptions<CatalogOptions>>().Value.ReadConnectionString, sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddSingleton<HistoryQuery>();
        builder.Services.AddSingleton(sp => new ReturnJobStore(sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddSingleton(sp => new ReturnScheduleStore(sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddSingleton<ReturnStarter>();
        builder.Services.AddHostedService<ReturnScheduler>();
        builder.Services.AddDisputeNotifications();
        builder.Services.AddSingleton<SnapshotCache>();
        builder.Services.AddSingleton<Bundles.BundleCache>();
        builder.Services.AddValidatedOptions<Policy.Opa.OpaOptions>(Policy.Opa.OpaOptions.Section);
        builder.Services.AddValidatedOptions<ConsoleOidcOptions>(ConsoleOidcOptions.Section);
        // The consent issuer's settings, the gateway's keys: the catalog reads which organization speaks for the issuer.
        builder.Services.AddValidatedOptions<Common.Consent.ConsentOptions>(Common.Consent.ConsentOptions.Section);
        builder.Services.AddSingleton<Explain.ExplainPolicy>();
        builder.Services.AddDataGatewayIdentity(builder.Configuration);
        builder.Services.AddHostedService<CatalogVersionMonitor>();
        // Answers the framework writes itself (a body that is not JSON, an unknown path, a wrong method) get a
        // stable code, the common type scheme, the request id and the caller's language too, like every answer the
        // catalog's own code gives.
        builder.Services.AddDataGatewayProblemDetails();
        builder.Services.AddMessageTable(Problems.CatalogMessages.Table);
        builder.Services.AddCatalogOpenApi();
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
    /// <remarks>
    /// The catalog uses two owners' tables: the ledger's (it reads the ledger for <c>/v1/ledger</c> and the bills)
    /// and its own, then Marten's objects. Marten's are applied here, before the admin organization is bootstrapped,
    /// rather than by Marten's hosted service (<c>ApplyAllDatabaseChangesOnStartup</c>): hosted services start after
    /// Kestrel, and the first request must find both the schema and the admin. All of it runs under the platform's
    /// one schema lock (Marten's own alone let two replicas starting together on an empty database collide on an
    /// index: ReplicaStartTests), so each replica, and each gateway, waits its turn and finds the work done.
    /// </remarks>
    public static async Task MigrateCatalogAsync(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await SchemaMigrations.ApplyAsync(
            dataSource,
            [LedgerSchema.Owner, CatalogSchema.Owner, ReturnsSchema.Owner],
            async cancellationToken =>
            {
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
                // After Marten's objects: the index is on Marten's table, and only where pg_trgm can be had.
                if (!await DatasetSearchIndex.EnsureAsync(dataSource, cancellationToken))
                {
                    CatalogStartLog.SearchIndexMissing(app.Logger, DatasetSearchIndex.Name);
                }
            });
        // Marten's own log of the DDL it ran (some 37 KB on an empty database) is kept below Information by the
        // Logging settings (Marten.IDocumentStore: Warning); this one line says the schema is in place.
        SchemaLog.Applied(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DataGateway.Catalog.Schema"),
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await AdminBootstrap.EnsureAsync(app.Services);
    }

    public static WebApplication MapCatalogApi(this WebApplication app)
    {
        // The language and the request id first, so every answer after them is in the caller's language and names
        // the id; body errors inside the exception handler, which would otherwise make them 500s; JSON bodies read
        // whole before binding, so a broken one is a 400, not an abort. Before all of them, the request's timing for
        // /metrics, so that it covers each answer whole.
        app.UseMetricsPortGuard();
        app.UseRequestMetrics();
        app.UseMessageLanguage();
        app.UseRequestId();
        app.UseExceptionHandler();
        app.UseRequestLimits();
        app.UseStatusCodePages();
        app.UseBadRequestProblems();
        // Every parameter of the catalog is single-valued: a second value is refused before any handler reads one.
        app.UseSingleValuedQuery();
        app.UseMiddleware<JsonBodyPrefetchMiddleware>();
        // No token: the console's files and the API's reference describe, they hold no data.
        app.UseConsole();
        app.MapApiReference("DataGateway 目录 API");
        app.MapHealthEndpoints();
        app.MapDataGatewayMetrics();
        app.MapDemoIssuer();

        // Everything under /v1 needs a signed-in caller whom the catalog knows as the token describes it.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/v1"), v1 => v1.UseCallerIdentity().UseCatalogCaller().UseStrictInput());
        app.MapOrganizationsApi();
        app.MapLandingZonesApi();
        app.MapDataServicesApi();
        app.MapDatasetsApi();
        app.MapDatasetPricesApi();
        app.MapApplicationsApi();
        app.MapGrantsApi();
        app.MapConsentsApi();
        app.MapTransferApi();
        app.MapLedgerApi();
        app.MapBillsApi();
        app.MapUsageApi();
        app.MapReturnsApi();
        app.MapReturnSchedulesApi();
        app.MapExplainApi();
        app.MapDisputesApi();
        app.MapNotificationsApi();

        // The OPA bundle is outside /v1 (the path OPA's bundle service polls), and needs a known caller all the same.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/bundles"), bundles => bundles.UseCallerIdentity().UseCatalogCaller());
        app.MapBundleApi();
        return app;
    }
}
