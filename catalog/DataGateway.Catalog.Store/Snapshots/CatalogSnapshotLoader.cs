using System.Data;
using DataGateway.Catalog.Store.Documents;
using DataGateway.Catalog.Store.LandingZones;
using DataGateway.Policy.Model;
using Npgsql;

namespace DataGateway.Catalog.Store.Snapshots;

/// <summary>
/// Reads the catalog, consistently, into an immutable <see cref="CatalogSnapshot"/>: whole, or as the changes since
/// a snapshot already held. One repeatable-read transaction, so the version and every document belong to the same
/// moment.
/// </summary>
/// <remarks>
/// A gateway holds no Marten store (its code generation and memory would be spent on a handful of queries): the
/// documents are read with Npgsql and deserialised with the store's serializer (<see cref="CatalogJson"/>).
/// </remarks>
public static class CatalogSnapshotLoader
{
    /// <summary>
    /// Past this many changed streams (an import, say) a whole load costs about the same as reading the changes, and
    /// builds a snapshot with fully shared values.
    /// </summary>
    public const int MaxChangedStreams = 1000;

    public static async Task<CatalogSnapshot> LoadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var reader = new DocumentReader(connection, transaction, CatalogJson.CreateSerializer());
        var version = await reader.ScalarAsync<long>(CatalogVersion.Sql, cancellationToken);
        var documents = new SnapshotDocuments(reader, await NowAsync(reader, cancellationToken), ids: null);
        var snapshot = new CatalogSnapshot(
            version,
            await documents.OrganizationsAsync(cancellationToken),
            await documents.ServicesAsync(cancellationToken),
            await documents.DatasetsAsync(cancellationToken),
            await documents.GrantsAsync(cancellationToken),
            await documents.LandingZonesAsync(cancellationToken),
            await documents.ConsentRevocationsAsync(cancellationToken),
            await documents.DisputedRecordsAsync(cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return snapshot;
    }

    /// <summary>
    /// <paramref name="previous"/> brought up to the catalog's current version by reading only the documents whose
    /// streams have events after it; the whole catalog when that is no cheaper, or when the event store is behind
    /// <paramref name="previous"/> (a restored database). Returns <paramref name="previous"/> itself when nothing
    /// changed.
    /// </summary>
    /// <remarks>
    /// Sound because every catalog write appends its events under one advisory lock held to its commit
    /// (<c>CatalogWriter</c>): events become visible in sequence order, so an event after the version a snapshot was
    /// read at was never visible to that snapshot's transaction. Every document is an inline projection of its own
    /// stream, so the streams with new events are exactly the documents that changed.
    /// </remarks>
    public static async Task<CatalogSnapshot> LoadChangesAsync(
        NpgsqlDataSource dataSource, CatalogSnapshot previous, CancellationToken cancellationToken = default)
    {
        if (previous.Version <= 0)
        {
            return await LoadAsync(dataSource, cancellationToken);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var reader = new DocumentReader(connection, transaction, CatalogJson.CreateSerializer());
        var version = await reader.ScalarAsync<long>(CatalogVersion.Sql, cancellationToken);
        if (version == previous.Version)
        {
            return previous;
        }

        var changed = version < previous.Version
            ? null
            : await reader.ReadTextsAsync(
                "select stream_id from mt_events where seq_id > @since group by stream_id limit @limit",
                cancellationToken,
                new NpgsqlParameter<long>("since", previous.Version),
                new NpgsqlParameter<int>("limit", MaxChangedStreams + 1));
        if (changed is null || changed.Count > MaxChangedStreams)
        {
            await transaction.CommitAsync(cancellationToken);
            return await LoadAsync(dataSource, cancellationToken);
        }

        var documents = new SnapshotDocuments(reader, await NowAsync(reader, cancellationToken), changed);
        var delta = new CatalogDelta(
            changed.ToHashSet(StringComparer.Ordinal),
            await documents.OrganizationsAsync(cancellationToken),
            await documents.ServicesAsync(cancellationToken),
            await documents.DatasetsAsync(cancellationToken),
            await documents.GrantsAsync(cancellationToken),
            changed.Select(LandingZoneStreams.OrganizationOf).OfType<string>().ToHashSet(StringComparer.Ordinal),
            await documents.LandingZonesAsync(cancellationToken),
            await documents.ConsentRevocationsAsync(cancellationToken),
            await documents.DisputedRecordsAsync(cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return previous.With(version, delta);
    }

    /// <summary>属地返还 by default returns every field up to L3 (L4 needs an application).</summary>
    public static IReadOnlySet<string> DefaultDistrictReturnFields(IEnumerable<FieldDefinition> fields) =>
        fields.Where(f => f.Level <= FieldLevel.L3).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The transaction's own clock, so every price cut-off and grant age is taken at the snapshot's moment.</summary>
    private static Task<DateTimeOffset> NowAsync(DocumentReader reader, CancellationToken cancellationToken) =>
        reader.ScalarAsync<DateTimeOffset>("select now()", cancellationToken);
}
