using DataGateway.Policy.Model;
using Microsoft.Extensions.Primitives;

namespace DataGateway.Gateway.CatalogSync;

/// <summary>
/// Holds the one catalog snapshot the gateway serves. Readers take <see cref="Current"/> once per call and use that
/// object throughout, so a swap in the middle of a call never mixes two catalog versions.
/// </summary>
public sealed class CatalogSnapshotHolder
{
    private CatalogSnapshot _current = CatalogSnapshot.Empty;
    private CancellationTokenSource _changed = new();

    public CatalogSnapshot Current => Volatile.Read(ref _current);

    /// <summary>True once the first snapshot from the database is in place.</summary>
    public bool IsLoaded { get; private set; }

    public DateTimeOffset LoadedAt { get; private set; }

    /// <summary>Fires once when the next snapshot replaces this one.</summary>
    public IChangeToken ChangeToken => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    public void Swap(CatalogSnapshot snapshot, DateTimeOffset now)
    {
        Volatile.Write(ref _current, snapshot);
        LoadedAt = now;
        IsLoaded = true;
        Observability.GatewayMetrics.CatalogSwapped(snapshot, now);
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }
}
