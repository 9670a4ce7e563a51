using DataGateway.Common.Configuration;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Common.Observability;
using DataGateway.Filtering;
using DataGateway.Ledger.Schema;
using DataGateway.Policy.Engine;
using DataGateway.Resilience;
using DataGateway.Returns.Delivery;
using DataGateway.Returns.Running;
using DataGateway.Returns.Schema;
using DataGateway.Schema;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataGateway.Returns.Worker.Hosting;

/// <summary>The worker's wiring, so Program.cs reads as a table of contents.</summary>
internal static partial class ReturnWorkerHosting
{
    public static WebApplicationBuilder AddReturnWorker(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddValidatedOptions<ReturnWorkerSettings>(ReturnWorkerSettings.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WorkerIdentity>();
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Settings(sp).ConnectionString)
        {
            ApplicationName = "datagateway-returns",
        }.ConnectionString));
        builder.Services.AddSingleton<IPolicyEngine, CatalogPolicyEngine>();
        builder.Services.AddSingleton(sp => new ReturnLedger(
            Settings(sp).ConnectionString, sp.GetRequiredService<WorkerIdentity>().Name, Settings(sp).CheckpointKeyFile,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ReturnLedger>>()));
        builder.Services.AddSingleton(sp =>
        {
            var settings = Settings(sp);
            var time = sp.GetRequiredService<TimeProvider>();
            var dataSource = sp.GetRequiredService<NpgsqlDataSource>();

            // One client for the sources and one for the landing zones, neither following redirects: the catalog's
            // addresses are the only places rows come from and go to.
            var sources = new HttpClient(LandingClient.CreateHandler(TimeSpan.FromSeconds(10))) { Timeout = Timeout.InfiniteTimeSpan };
            var zones = new HttpClient(LandingClient.CreateHandler(TimeSpan.FromSeconds(10))) { Timeout = Timeout.InfiniteTimeSpan };
            return new ReturnRunner(
                dataSource,
                token => CatalogSnapshotLoader.LoadAsync(dataSource, token),
                sp.GetRequiredService<IPolicyEngine>(),
                new SourceReader(sources, new FieldMasker(Convert.FromBase64String(settings.MaskHashKey)), settings),
                new LandingClient(zones),
                new LandingSecrets(settings.SecretsDirectory, settings.Secrets),
                sp.GetRequiredService<ReturnLedger>(),
                settings,
                sp.GetRequiredService<WorkerIdentity>().Name,
                time,
                sp.GetRequiredService<ILogger<ReturnRunner>>());
        });
        builder.Services.AddHostedService<ReturnWorkerService>();
        return builder;
    }

    /// <summary>The return jobs' tables and the ledger's, under the platform's one schema lock, retried while PostgreSQL is not up yet.</summary>
    public static async Task MigrateReturnsAsync(this WebApplication app)
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReturnWorkerHosting));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var retry = DatabaseRetry.Create(
            new DatabaseRetryOptions
            {
                FirstDelay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(2),
                ShouldRetry = DatabaseFaults.IsDatabaseError,
                OnRetry = (ex, _) => LogApplyFailed(logger, ex.Message),
            },
            app.Services.GetRequiredService<TimeProvider>());
        await retry.ExecuteAsync(
            async token => await SchemaMigrations.ApplyAsync(dataSource, [LedgerSchema.Owner, ReturnsSchema.Owner], cancellationToken: token), timeout.Token);
    }

    public static WebApplication MapReturnWorkerEndpoints(this WebApplication app)
    {
        app.UseMetricsPortGuard();
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", async (NpgsqlDataSource dataSource, WorkerIdentity identity, CancellationToken token) =>
        {
            try
            {
                await using var command = dataSource.CreateCommand("select 1");
                await command.ExecuteScalarAsync(token);
                return Results.Json(new { status = "ready", worker = identity.Name });
            }
            catch (Exception e) when (DatabaseFaults.IsDatabaseError(e))
            {
                return Results.Json(new { status = "unavailable", code = "database_unavailable", worker = identity.Name }, statusCode: 503);
            }
        });
        app.MapDataGatewayMetrics();
        return app;
    }

    private static ReturnWorkerSettings Settings(IServiceProvider services) => services.GetRequiredService<IOptions<ReturnWorkerSettings>>().Value;

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Applying the returns worker's tables failed; retrying: {Reason}")]
    private static partial void LogApplyFailed(ILogger logger, string reason);
}
