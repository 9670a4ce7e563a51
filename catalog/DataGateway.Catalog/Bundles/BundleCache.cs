using DataGateway.Catalog.Storage;

namespace DataGateway.Catalog.Bundles;

/// <summary>
/// The bundle of the catalog's current version, built once per version. Sidecars poll it (OPA's bundle service), so
/// each request only brings the snapshot up to date (<see cref="SnapshotCache"/>) and answers from memory.
/// </summary>
public sealed class BundleCache(SnapshotCache snapshots)
{
    private Built? _built;

    /// <summary>The bundle of the catalog as it is now.</summary>
    public async Task<PolicyBundle> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.CurrentAsync(cancellationToken);
        var built = Volatile.Read(ref _built);
        if (built is not null && ReferenceEquals(built.Snapshot, snapshot))
        {
            return built.Bundle;
        }

        // Two polls right after a change may both build; they build the same bytes, and the last one is kept.
        var bundle = BundleBuilder.Build(snapshot);
        Volatile.Write(ref _built, new Built(snapshot, bundle));
        return bundle;
    }

    /// <summary>One immutable pair, swapped by reference, so a reader never sees a bundle with another snapshot.</summary>
    private sealed record Built(object Snapshot, PolicyBundle Bundle);
}
