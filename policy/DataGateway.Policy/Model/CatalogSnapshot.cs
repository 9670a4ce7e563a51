namespace DataGateway.Policy.Model;

/// <summary>
/// An immutable view of the whole catalog at one version. The data plane holds exactly one and swaps it
/// atomically when the catalog changes; every lookup a call needs is a dictionary hit.
/// </summary>
public sealed class CatalogSnapshot
{
    private static readonly IReadOnlyList<Grant> NoGrants = [];
    private readonly Dictionary<string, Organization> _organizations;
    private readonly Dictionary<string, DataService> _services;
    private readonly Dictionary<string, Dataset> _datasets;
    private readonly Dictionary<(string Organization, string Dataset), IReadOnlyList<Grant>> _grants;

    // Every zone loaded, by organization (what a delta replaces), and those a return may use, by district.
    private readonly Dictionary<string, LandingZone> _landingZones;
    private readonly Dictionary<string, LandingZone> _routableZones;

    // Withdrawn consents by consent id; records under dispute by dataset, then key (most datasets have none).
    private readonly Dictionary<string, ConsentRevocation> _revokedConsents;
    private readonly List<DisputedRecord> _disputedRecords;
    private readonly Dictionary<string, Dictionary<string, string>> _disputeMarks;

    public CatalogSnapshot(
        long version,
        IEnumerable<Organization> organizations,
        IEnumerable<DataService> services,
        IEnumerable<Dataset> datasets,
        IEnumerable<Grant> grants,
        IEnumerable<LandingZone>? landingZones = null,
        IEnumerable<ConsentRevocation>? consentRevocations = null,
        IEnumerable<DisputedRecord>? disputedRecords = null)
    {
        Version = version;
        _organizations = organizations.ToDictionary(o => o.Id, StringComparer.Ordinal);
        _services = services.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _datasets = datasets.ToDictionary(d => d.Code, StringComparer.Ordinal);
        _grants = grants
            .GroupBy(g => (g.OrganizationId, g.DatasetCode))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Grant>)g.ToArray());
        _landingZones = (landingZones ?? []).ToDictionary(z => z.OrganizationId, StringComparer.Ordinal);
        _routableZones = Routable(_organizations, _landingZones.Values);
        _revokedConsents = new Dictionary<string, ConsentRevocation>(StringComparer.Ordinal);
        foreach (var revocation in consentRevocations ?? [])
        {
            _revokedConsents.TryAdd(revocation.ConsentId, revocation);
        }

        _disputedRecords = [.. disputedRecords ?? []];
        _disputeMarks = Marks(_disputedRecords);
    }

    public static CatalogSnapshot Empty { get; } = new(0, [], [], [], []);

    /// <summary>
    /// This snapshot with <paramref name="delta"/> applied, at <paramref name="version"/>: each changed entity
    /// replaced by what it is now, or dropped. Everything unchanged is the same object as here.
    /// </summary>
    public CatalogSnapshot With(long version, CatalogDelta delta)
    {
        var changed = delta.ChangedIds;
        return new CatalogSnapshot(
            version,
            _organizations.Values.Where(o => !changed.Contains(o.Id)).Concat(delta.Organizations),
            _services.Values.Where(s => !changed.Contains(s.Id)).Concat(delta.Services),
            _datasets.Values.Where(d => !changed.Contains(d.Code)).Concat(delta.Datasets),
            Grants.Where(g => !changed.Contains(g.Id)).Concat(delta.Grants),
            _landingZones.Values.Where(z => !delta.ChangedLandingZones.Contains(z.OrganizationId)).Concat(delta.LandingZones),
            _revokedConsents.Values.Where(r => !changed.Contains(r.Id)).Concat(delta.ConsentRevocations ?? []),
            _disputedRecords.Where(d => !changed.Contains(d.Id)).Concat(delta.DisputedRecords ?? []));
    }

    /// <summary>The catalog version this snapshot was read at; it grows with every change.</summary>
    public long Version { get; }

    public IEnumerable<Organization> Organizations => _organizations.Values;
    public IEnumerable<Dataset> Datasets => _datasets.Values;
    public IEnumerable<DataService> Services => _services.Values;
    public IEnumerable<Grant> Grants => _grants.Values.SelectMany(g => g);

    /// <summary>The landing zones a return may push to (<see cref="FindLandingZone"/>), one per district.</summary>
    public IEnumerable<LandingZone> LandingZones => _routableZones.Values;
    public IEnumerable<ConsentRevocation> ConsentRevocations => _revokedConsents.Values;
    public IEnumerable<DisputedRecord> DisputedRecords => _disputedRecords;
    public int DatasetCount => _datasets.Count;
    public int GrantCount => _grants.Values.Sum(g => g.Count);

    public Organization? FindOrganization(string id) => _organizations.GetValueOrDefault(id);
    public DataService? FindService(string id) => _services.GetValueOrDefault(id);
    public Dataset? FindDataset(string code) => _datasets.GetValueOrDefault(code);

    /// <summary>
    /// The landing zone of the district organization whose district code is <paramref name="districtCode"/>; null
    /// when it has none. Only a zone whose organization is in this snapshot as a district with that very code is
    /// found: the catalog refuses to delete such an organization or change its kind or district while it has a zone,
    /// and this keeps a zone from routing anywhere should the two ever disagree.
    /// </summary>
    public LandingZone? FindLandingZone(string districtCode) => _routableZones.GetValueOrDefault(districtCode);

    /// <summary>Whether the consent <paramref name="consentId"/> was withdrawn: its credential allows nothing any more.</summary>
    public bool IsConsentRevoked(string consentId) => _revokedConsents.ContainsKey(consentId);

    /// <summary>Whether any record of the dataset is under dispute: the filter looks keys up only then.</summary>
    public bool HasDisputedRecords(string datasetCode) => _disputeMarks.ContainsKey(datasetCode);

    /// <summary>
    /// What a response marks the record with key <paramref name="recordKey"/> with (<see cref="DisputeMarks"/>), or null
    /// when no dispute about it is open. Of several disputes about one record, a confirmed one wins: the department has
    /// said the record is wrong.
    /// </summary>
    public string? DisputeMark(string datasetCode, string recordKey) =>
        _disputeMarks.TryGetValue(datasetCode, out var marks) ? marks.GetValueOrDefault(recordKey) : null;

    /// <summary>The grants one organization holds for one dataset, in any state.</summary>
    public IReadOnlyList<Grant> GrantsFor(string organizationId, string datasetCode) =>
        _grants.GetValueOrDefault((organizationId, datasetCode), NoGrants);

    private static Dictionary<string, Dictionary<string, string>> Marks(IEnumerable<DisputedRecord> records)
    {
        var marks = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (!marks.TryGetValue(record.DatasetCode, out var byKey))
            {
                marks[record.DatasetCode] = byKey = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            if (!byKey.TryGetValue(record.RecordKey, out var mark) || mark != DisputeMarks.ConfirmedPending)
            {
                byKey[record.RecordKey] = record.Mark;
            }
        }

        return marks;
    }

    /// <summary>
    /// The zones whose organization is a district of the zone's code, by that code. The catalog keeps one zone per
    /// district code (a second district organization of the same code is refused); should a database hold two all
    /// the same, the lower organization id wins, the same in every reader.
    /// </summary>
    private static Dictionary<string, LandingZone> Routable(Dictionary<string, Organization> organizations, IEnumerable<LandingZone> zones)
    {
        var routable = new Dictionary<string, LandingZone>(StringComparer.Ordinal);
        foreach (var zone in zones.OrderBy(z => z.OrganizationId, StringComparer.Ordinal))
        {
            if (organizations.GetValueOrDefault(zone.OrganizationId) is { Kind: OrganizationKind.District } owner
                && owner.DistrictCode == zone.DistrictCode)
            {
                routable.TryAdd(zone.DistrictCode, zone);
            }
        }

        return routable;
    }
}
