using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Policy.Model;
using Npgsql;

namespace DataGateway.Catalog.Bundles;

/// <summary>
/// The bundle of the catalog's current version, built once per version. Sidecars poll it (OPA's bundle service),
/// so each request reads only what changed since the last build (<see cref="CatalogSnapshotLoader.LoadChangesAsync"/>:
/// one query when nothing did) and answers from memory.
/// </summary>
public sealed class BundleCache(NpgsqlDataSource dataSource)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CatalogSnapshot _snapshot = CatalogSnapshot.Empty;
    private PolicyBundle? _bundle;

    /// <summary>The bundle of the catalog as it is now.</summary>
    public async Task<PolicyBundle> CurrentAsync(CancellationToken cancellationToken)
    {
        // One reader at a time: concurrent polls after a change would otherwise each build the same bundle.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = await CatalogSnapshotLoader.LoadChangesAsync(dataSource, _snapshot, cancellationToken);
            if (_bundle is null || !ReferenceEquals(snapshot, _snapshot))
            {
                _bundle = BundleBuilder.Build(snapshot);
                _snapshot = snapshot;
            }

            return _bundle;
        }
        finally
        {
            _gate.Release();
        }
    }
}
