using DataGateway.Resilience;
using Npgsql;

namespace DataGateway.Catalog.Observability;

/// <summary>
/// The catalog's version for <c>/metrics</c> (<c>datagateway_catalog_version</c>), read every few seconds. Every
/// catalog writer bumps the version in PostgreSQL — this process, other replicas, the CSV import — so the database,
/// not this process's own writes, is what to read. A scrape never waits for the database.
/// </summary>
internal sealed partial class CatalogVersionMonitor(NpgsqlDataSource db, ILogger<CatalogVersionMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var command = db.CreateCommand(Store.Documents.CatalogVersion.Sql);
                CatalogMetrics.VersionRead((long)(await command.ExecuteScalarAsync(stoppingToken))!, DateTimeOffset.UtcNow);
            }
            catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex, stoppingToken))
            {
                LogReadFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = EventIds.CatalogVersionNotRead, Level = LogLevel.Debug, Message = "Catalog version not read for /metrics: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string reason);
}
