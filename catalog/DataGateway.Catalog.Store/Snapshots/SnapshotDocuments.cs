using DataGateway.Catalog.Store.Consents;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Catalog.Store.Disputes;
using DataGateway.Catalog.Store.Documents;
using DataGateway.Catalog.Store.Grants;
using DataGateway.Catalog.Store.LandingZones;
using DataGateway.Catalog.Store.Organizations;
using DataGateway.Catalog.Store.Services;
using DataGateway.Policy.Model;
using Npgsql;

namespace DataGateway.Catalog.Store.Snapshots;

/// <summary>
/// Reads the projected documents a snapshot holds and turns each into the policy's model: all of them, or only
/// those with the given ids (<see cref="CatalogSnapshotLoader.LoadChangesAsync"/>).
/// </summary>
/// <remarks>
/// Each document is read whole, once, and deserialised here with the store's own serializer. Taking fields and
/// prices apart in SQL (<c>jsonb_array_elements</c>) decompressed each TOASTed dataset document three times and sent
/// 346,400 field rows for the seeds' 17,320 datasets (catalog/MARTEN-PROGRESS.md has the figures).
/// </remarks>
internal sealed class SnapshotDocuments(DocumentReader documents, DateTimeOffset now, IReadOnlyCollection<string>? ids)
{
    // Catalogs repeat themselves (the same field, title and mask in thousands of datasets): one shared object per
    // distinct value keeps a city-sized snapshot small and quick to build.
    private readonly SnapshotPool _pool = new();

    public Task<List<Organization>> OrganizationsAsync(CancellationToken cancellationToken) =>
        documents.ReadAsync<OrganizationDocument, Organization>(
            Select(CatalogTables.Organizations, "true"),
            o => new Organization(o.Id, o.Name, CatalogText.ParseKind(o.Kind), o.DistrictCode, o.LicensedDomains.ToHashSet(StringComparer.Ordinal)),
            cancellationToken,
            Parameters());

    public Task<List<DataService>> ServicesAsync(CancellationToken cancellationToken) =>
        documents.ReadAsync<DataServiceDocument, DataService>(
            Select(CatalogTables.DataServices, "true"),
            s => new DataService(
                s.Id,
                s.OwnerId,
                s.BaseAddress is null ? null : new Uri(s.BaseAddress),
                s.DistrictAddresses.ToDictionary(p => p.Key, p => new Uri(p.Value), StringComparer.Ordinal),
                TimeSpan.FromMilliseconds(s.TimeoutMs)),
            cancellationToken,
            Parameters());

    public Task<List<Dataset>> DatasetsAsync(CancellationToken cancellationToken) =>
        documents.ReadAsync<DatasetDocument, Dataset>(
            Select(CatalogTables.Datasets, "deleted_at is null"), ToDataset, cancellationToken, Parameters());

    /// <summary>Revoked grants a month on are left out (a revoked grant allows nothing either way).</summary>
    public Task<List<Grant>> GrantsAsync(CancellationToken cancellationToken) =>
        documents.ReadAsync<GrantDocument, Grant>(
            Select(CatalogTables.Grants, "(data->>'state' <> 'revoked' or (data->>'updatedAt')::timestamptz > now() - interval '30 days')"),
            g => new Grant(
                g.Id,
                g.OrganizationId,
                g.DatasetCode,
                g.Scenario,
                g.Fields.ToHashSet(StringComparer.Ordinal),
                g.Districts.ToHashSet(StringComparer.Ordinal),
                g.VerifyFields.ToHashSet(StringComparer.Ordinal),
                g.ValidFrom,
                g.ValidUntil,
                g.DailyQuota,
                CatalogText.ParseGrantState(g.State)),
            cancellationToken,
            Parameters());

    /// <summary>The landing zones; their ids are their streams' (<see cref="LandingZoneStreams"/>), as the changed ids are.</summary>
    public Task<List<LandingZone>> LandingZonesAsync(CancellationToken cancellationToken) =>
        documents.ReadAsync<LandingZoneDocument, LandingZone>(
            Select(CatalogTables.LandingZones, "true"),
            z => new LandingZone(
                z.OrganizationId,
                z.DistrictCode,
                new Uri(z.Url),
                CatalogText.ParseAuthKind(z.AuthKind),
                z.HeaderName,
                z.SecretRef,
                z.BatchSize),
            cancellationToken,
            Parameters());

    /// <summary>
    /// The withdrawn consents whose credentials could still be valid: those not yet past the expiry the revoker gave,
    /// and, where it gave none, those withdrawn within the longest lifetime any consent may have (a year and a month).
    /// </summary>
    public Task<List<ConsentRevocation>> ConsentRevocationsAsync(CancellationToken cancellationToken) =>
        documents.ReadAsync<ConsentRevocationDocument, ConsentRevocation>(
            Select(
                CatalogTables.ConsentRevocations,
                "coalesce((data->>'expiresAt')::timestamptz, (data->>'revokedAt')::timestamptz + interval '400 days') > now()"),
            r => new ConsentRevocation(r.Id, r.ConsentId, r.RevokedAt),
            cancellationToken,
            Parameters());

    /// <summary>The disputes that still mark their record: open, or confirmed and awaiting the correction.</summary>
    public Task<List<DisputedRecord>> DisputedRecordsAsync(CancellationToken cancellationToken) =>
        documents.ReadAsync<DisputeDocument, DisputedRecord>(
            Select(CatalogTables.Disputes, $"data->>'state' in ('{DisputeStates.Open}', '{DisputeStates.ConfirmedPending}')"),
            d => new DisputedRecord(
                d.Id,
                _pool.Text(d.Dataset),
                d.RecordKey,
                d.State == DisputeStates.ConfirmedPending ? DisputeMarks.ConfirmedPending : DisputeMarks.UnderVerification),
            cancellationToken,
            Parameters());

    private string Select(string table, string condition) =>
        ids is null ? $"select data from {table} where {condition}" : $"select data from {table} where {condition} and id = any(@ids)";

    private NpgsqlParameter[] Parameters() => ids is null ? [] : [new NpgsqlParameter<string[]>("ids", [.. ids])];

    private Dataset ToDataset(DatasetDocument d)
    {
        var fields = d.Fields
            .Select(f => _pool.Field(f.Name, f.Title, f.Type, (FieldLevel)f.Level, f.Personal, f.Mask))
            .ToList();
        var returnFields = d.DistrictReturnFields is null
            ? _pool.Set(CatalogSnapshotLoader.DefaultDistrictReturnFields(fields))
            : _pool.Set(d.DistrictReturnFields);
        return new Dataset(
            d.Id,
            d.Title,
            d.OwnerId,
            _pool.Text(d.ServiceId),
            d.Path,
            _pool.Text(d.Domain),
            CatalogText.ParseSharing(d.Sharing),
            d.OpenForOperation,
            d.DistrictField is null ? null : _pool.Text(d.DistrictField),
            _pool.Text(d.RecordPath),
            fields,
            returnFields,
            // Every write of a dataset's prices adds to its schedule (DatasetPrices.Set); its own prices stand in should it ever not.
            d.Prices.Length > 0
                ? _pool.Prices(InEffectFrom(d.Prices, now - TimeSpan.FromDays(1)))
                : PriceSchedule.Constant(d.QueryPrice, d.VerifyPrice, d.RevenueShare),
            d.MaxPageSize,
            d.ConsentSubjectField is null ? null : _pool.Text(d.ConsentSubjectField),
            d.RecordKeyField is null ? null : _pool.Text(d.RecordKeyField),
            d.DisputeAnswerDays);
    }

    /// <summary>
    /// The schedule from the entry in effect a day ago on. Older entries can no longer price a call (the day covers
    /// any clock skew between a gateway and the database), so years of price changes cost nothing.
    /// </summary>
    private static List<DatasetPrice> InEffectFrom(DatasetPriceEntry[] oldestFirst, DateTimeOffset cutoff)
    {
        var list = new List<DatasetPrice>(1);
        foreach (var p in oldestFirst)
        {
            if (p.EffectiveFrom <= cutoff)
            {
                // An entry a day old or more replaces the ones before it: only the latest of them can still price a call.
                list.Clear();
            }

            list.Add(new DatasetPrice(p.EffectiveFrom, p.QueryPrice, p.VerifyPrice, p.RevenueShare));
        }

        return list;
    }
}
