using Npgsql;

namespace DataGateway.Catalog.Store.Changes;

/// <summary>
/// Listens on <see cref="CatalogChannel.Name"/> and calls back with each announced version. A dropped connection is
/// re-opened; after every (re)connect the callback is called once with version -1, because changes committed while
/// nobody was listening were not announced and the listener must reload to be sure.
/// </summary>
public sealed class CatalogChangeListener(NpgsqlDataSource dataSource, Func<long, CancellationToken, Task> onChange)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) =>
                {
                    if (long.TryParse(e.Payload, out var version))
                    {
                        _ = onChange(version, cancellationToken);
                    }
                };
                await using (var listen = new NpgsqlCommand($"listen {CatalogChannel.Name}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

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
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                // The database is away; try again shortly. The gateway keeps serving the snapshot it has.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
