using System.Diagnostics.Metrics;
using Npgsql;

namespace DataGateway.Catalog.Observability;

/// <summary>
/// The catalog's version for <c>/metrics</c> (<c>datagateway_catalog_version</c>), read every few seconds. Every
/// catalog writer bumps the version in PostgreSQL — this process, other replicas, the CSV import — so the database,
/// not this process's own writes, is what to read. A scrape never waits for the database.
/// </summary>
internal sealed partial class CatalogVersionMonitor(NpgsqlDataSource db, ILogger<CatalogVersionMonitor> logger) : BackgroundService
{
    public const string MeterName = "DataGateway.Catalog";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly Meter Meter = new(MeterName);
    private long _version = -1;
    private long _readAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Meter.CreateObservableGauge("datagateway.catalog.version", () => Volatile.Read(ref _version), "{version}", "The catalog's version in PostgreSQL (-1 until first read)");
        Meter.CreateObservableGauge("datagateway.catalog.version.read", () => Volatile.Read(ref _readAt) / 1000.0, "s", "When the version was last read (Unix time)");
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var command = db.CreateCommand("select version from catalog_version");
                Volatile.Write(ref _version, (long)(await command.ExecuteScalarAsync(stoppingToken))!);
                Volatile.Write(ref _readAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogReadFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = EventIds.CatalogVersionNotRead, Level = LogLevel.Debug, Message = "Catalog version not read for /metrics: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string reason);
}
