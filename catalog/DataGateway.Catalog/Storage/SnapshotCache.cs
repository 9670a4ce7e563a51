using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Policy.Model;
using Npgsql;

namespace DataGateway.Catalog.Storage;

/// <summary>
/// The catalog as the gateway sees it (a <see cref="CatalogSnapshot"/>), for the policy bundle and explain. Each
/// read brings it up to date by what changed (<see cref="CatalogSnapshotLoader.LoadChangesAsync"/>: one query when
/// nothing did) and returns the very same object while the catalog stands still.
/// </summary>
public sealed class SnapshotCache(NpgsqlDataSource dataSource)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CatalogSnapshot _snapshot = CatalogSnapshot.Empty;

    public async Task<CatalogSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        // One load at a time: concurrent readers after a change would otherwise each read the same documents.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _snapshot = await CatalogSnapshotLoader.LoadChangesAsync(dataSource, _snapshot, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
