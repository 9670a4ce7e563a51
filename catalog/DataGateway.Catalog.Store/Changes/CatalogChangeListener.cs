using DataGateway.Resilience;
using Npgsql;
using Polly;

namespace DataGateway.Catalog.Store.Changes;

/// <summary>
/// Listens on <see cref="CatalogChannel.Name"/> and calls back with each announced version. A dropped connection is
/// re-opened; after every (re)connect the callback is called once with version -1, because changes committed while
/// nobody was listening were not announced and the listener must reload to be sure.
/// </summary>
/// <remarks>
/// Connecting goes through the shared database retry (<see cref="DatabaseRetry"/>): after a drop it tries again at
/// once, then backs off with jitter up to 2 s while the database is away. It retries any database error, not only
/// an outage: a gateway that stopped listening would serve a stale catalog without anyone noticing.
/// </remarks>
public sealed class CatalogChangeListener(NpgsqlDataSource dataSource, Func<long, CancellationToken, Task> onChange)
{
    private readonly ResiliencePipeline _connect = DatabaseRetry.Create(new DatabaseRetryOptions
    {
        FirstDelay = TimeSpan.FromMilliseconds(250),
        MaxDelay = TimeSpan.FromSeconds(2),
        ShouldRetry = DatabaseFaults.IsDatabaseError,
    });

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _connect.ExecuteAsync(ListenAsync, cancellationToken);
                await onChange(-1, cancellationToken);
                while (!cancellationToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex, cancellationToken))
            {
                // The connection dropped: connect again. The gateway keeps serving the snapshot it has.
            }
        }
    }

    /// <summary>One connection that listens on the channel; closed again if listening fails.</summary>
    private async ValueTask<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            connection.Notification += (_, e) =>
            {
                if (long.TryParse(e.Payload, out var version))
                {
                    _ = onChange(version, cancellationToken);
                }
            };
            await using var listen = new NpgsqlCommand($"listen {CatalogChannel.Name}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
