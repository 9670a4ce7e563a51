using DataGateway.Catalog.Store.Documents;
using Npgsql;

namespace DataGateway.Catalog.Storage;

/// <summary>
/// Where the catalog's read-only ledger queries run: the ledger's pages and CSV export, the access report and the
/// bills. A read replica when <c>DataGateway:Catalog:ReadConnectionString</c> names one, else the primary's own data
/// source, so that without the setting everything runs where it ran before.
/// </summary>
/// <remarks>
/// A type of its own rather than a second connection string handed to each call site: a handler asks for this and
/// cannot reach the replica for a write by mistake (a hot standby refuses writes anyway, with 25006), and nothing that
/// writes, nor the migration, nor the ledger's verification, ever asks for it.
/// </remarks>
public sealed class LedgerReadDataSource : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    private LedgerReadDataSource(NpgsqlDataSource dataSource, bool isReplica)
    {
        _dataSource = dataSource;
        IsReplica = isReplica;
    }

    /// <summary>Whether the queries run on a read replica (then its failures answer 503 <c>read_replica_unavailable</c>).</summary>
    public bool IsReplica { get; }

    /// <summary>On the replica when <paramref name="readConnectionString"/> is given, else on <paramref name="primary"/>.</summary>
    public static LedgerReadDataSource Create(string? readConnectionString, NpgsqlDataSource primary) =>
        readConnectionString is { Length: > 0 }
            ? new LedgerReadDataSource(NpgsqlDataSource.Create(CatalogStoreOptions.WithAutoPrepare(readConnectionString)), isReplica: true)
            : new LedgerReadDataSource(primary, isReplica: false);

    public Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken).AsTask();

    /// <summary>Disposes the replica's data source only: the primary's belongs to the container.</summary>
    public ValueTask DisposeAsync() => IsReplica ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;
}
