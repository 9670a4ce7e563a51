using DataGateway.Gateway.Observability;
using System.Diagnostics;
using DataGateway.Catalog.Store.Changes;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Resilience;
using Npgsql;

namespace DataGateway.Gateway.CatalogSync;

/// <summary>
/// Keeps the gateway's snapshot current: loads the catalog at start, then reloads whenever PostgreSQL announces a
/// newer version (LISTEN/NOTIFY). Announcements that arrive during a load are coalesced into one more load.
/// </summary>
/// <remarks>
/// A reload reads only the documents whose streams changed since the snapshot held
/// (<see cref="CatalogSnapshotLoader.LoadChangesAsync"/>): at the seeds' 17,320 datasets a whole load takes longer
/// than the second in which a change must be enforced. The whole catalog is read at start. After the listener
/// (re)connects, when announcements may have been missed, a reload of the changes is still exact: it asks the event
/// store what changed, not the announcements.
/// </remarks>
internal sealed partial class CatalogSyncService(
    NpgsqlDataSource dataSource,
    CatalogSnapshotHolder holder,
    TimeProvider time,
    ILogger<CatalogSyncService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _reload = new(0, 1);

    /// <summary>Loads the first snapshot; the gateway does not serve before it has one.</summary>
    /// <remarks>
    /// Retried through the shared database retry (250 ms, doubling with jitter, at most 2 s apart) on any database
    /// error, not only an outage: a gateway may start before the catalog has created its schema.
    /// </remarks>
    public async Task LoadInitialAsync(CancellationToken cancellationToken)
    {
        var retry = DatabaseRetry.Create(
            new DatabaseRetryOptions
            {
                FirstDelay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(2),
                ShouldRetry = DatabaseFaults.IsDatabaseError,
                OnRetry = (ex, _) => LogInitialLoadFailed(logger, ex.Message),
            },
            time);
        await retry.ExecuteAsync(async token => await LoadAsync(whole: true, token), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = new CatalogChangeListener(dataSource, (version, _) =>
        {
            // -1: (re)connected, and changes may have been missed; otherwise only newer versions matter.
            if (version < 0 || version > holder.Current.Version)
            {
                if (_reload.CurrentCount == 0)
                {
                    try
                    {
                        _reload.Release();
                    }
                    catch (SemaphoreFullException)
                    {
                        // Another announcement already asked for the reload that will cover this one.
                    }
                }
            }

            return Task.CompletedTask;
        });
        var listening = listener.RunAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _reload.WaitAsync(stoppingToken);
                await LoadAsync(whole: false, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex, stoppingToken))
            {
                // Keep serving the snapshot we have; the listener reconnects and asks again.
                LogReloadFailed(logger, ex.Message);
            }
        }

        await listening;
    }

    private async Task LoadAsync(bool whole, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var previous = holder.Current;
        whole |= !holder.IsLoaded;
        var snapshot = whole
            ? await CatalogSnapshotLoader.LoadAsync(dataSource, cancellationToken)
            : await CatalogSnapshotLoader.LoadChangesAsync(dataSource, previous, cancellationToken);
        if (holder.IsLoaded && snapshot.Version == previous.Version)
        {
            return;
        }

        holder.Swap(snapshot, time.GetUtcNow());
        GatewayMetrics.CatalogReloaded(whole, Stopwatch.GetElapsedTime(started).TotalSeconds);
        LogLoaded(logger, snapshot.Version, snapshot.DatasetCount, snapshot.GrantCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            whole ? "whole" : $"changes since {previous.Version}");
    }

    [LoggerMessage(EventId = EventIds.CatalogLoaded, Level = LogLevel.Information, Message = "Catalog version {Version} loaded: {Datasets} datasets, {Grants} grants in {Milliseconds:F0} ms ({Read})")]
    private static partial void LogLoaded(ILogger logger, long version, int datasets, int grants, double milliseconds, string read);

    [LoggerMessage(EventId = EventIds.CatalogReloadFailed, Level = LogLevel.Warning, Message = "Catalog reload failed; still serving the previous version: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = EventIds.CatalogInitialLoadFailed, Level = LogLevel.Warning, Message = "Initial catalog load failed; retrying: {Reason}")]
    private static partial void LogInitialLoadFailed(ILogger logger, string reason);
}
