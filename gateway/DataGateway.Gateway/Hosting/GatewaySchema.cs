using DataGateway.Gateway.Observability;
using DataGateway.Gateway.Quotas;
using DataGateway.Ledger.Schema;
using DataGateway.Resilience;
using DataGateway.Schema;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataGateway.Gateway.Hosting;

/// <summary>The tables the gateway writes, applied at its start: the ledger's and the quota leases' (the catalog's it only reads).</summary>
internal static partial class GatewaySchema
{
    /// <remarks>
    /// Under the platform's one schema lock (<see cref="SchemaMigrations"/>), so gateway replicas and the catalog starting
    /// together on an empty database wait for each other. Retried like the first catalog load, through the shared
    /// database retry, on any database error (PostgreSQL may not be up yet), within the same startup timeout.
    /// </remarks>
    public static async Task ApplyAsync(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewaySchema));
        using var timeout = new CancellationTokenSource(options.StartupCatalogTimeout);
        var retry = DatabaseRetry.Create(
            new DatabaseRetryOptions
            {
                FirstDelay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(2),
                ShouldRetry = DatabaseFaults.IsDatabaseError,
                OnRetry = (ex, _) => LogApplyFailed(logger, ex.Message),
            },
            services.GetRequiredService<TimeProvider>());
        await retry.ExecuteAsync(
            async token => await SchemaMigrations.ApplyAsync(dataSource, [LedgerSchema.Owner, QuotaSchema.Owner], cancellationToken: token), timeout.Token);
    }

    [LoggerMessage(EventId = EventIds.SchemaApplyFailed, Level = LogLevel.Warning, Message = "Applying the gateway's tables failed; retrying: {Reason}")]
    private static partial void LogApplyFailed(ILogger logger, string reason);
}
