using Npgsql;

namespace DataGateway.Catalog.Storage;

/// <summary>
/// Runs one catalog change: all its writes, its history events, the new catalog version and the notification to
/// the gateways commit together or not at all.
/// </summary>
public sealed class CatalogWriter(NpgsqlDataSource dataSource)
{
    public async Task<T> WriteAsync<T>(string actor, Func<CatalogTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var change = new CatalogTransaction(connection, transaction, actor);
        var result = await work(change);
        if (change.Failed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }

        await change.NotifyAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => dataSource.OpenConnectionAsync(cancellationToken).AsTask();
}
