using Marten;
using Npgsql;

namespace DataGateway.Catalog.Storage;

/// <summary>
/// Runs one catalog change: all its writes, its events on Marten's streams, their links in the catalog's chain with the
/// checkpoint of its new head, the new catalog version and the notification to the gateways commit together or not at
/// all.
/// </summary>
/// <remarks>
/// The change owns the transaction and Marten's session is enlisted in it (<c>SessionOptions.ForTransaction</c>), so
/// the streams, their inline projections and the chain's links are one commit.
/// Writers are serialised by a transaction-scoped advisory lock taken first: a catalog change is rare, and one writer
/// at a time makes every version check exact and keeps the event sequence in commit order (MARTEN-NOTES).
/// </remarks>
public sealed class CatalogWriter(NpgsqlDataSource dataSource, IDocumentStore store, CatalogChainSigner chainSigner)
{
    /// <summary>The key every catalog writer locks: one writer at a time, so the chain's links follow the event sequence.</summary>
    public const long WriterLockKey = 4919131752989213764;

    public async Task<T> WriteAsync<T>(string actor, Func<CatalogTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("select pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", WriterLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        var change = new CatalogTransaction(connection, transaction, session, actor, chainSigner.Signer);
        var result = await work(change);
        if (change.Failed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }

        await change.SaveAsync(cancellationToken);
        await change.FlushAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => dataSource.OpenConnectionAsync(cancellationToken).AsTask();

    /// <summary>A read-only session for the documents the API reads.</summary>
    public IQuerySession Query() => store.QuerySession();
}
