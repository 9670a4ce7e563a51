namespace DataGateway.Policy.Model;

/// <summary>
/// What changed in the catalog since a snapshot: every entity whose stream has new events, by id, and what each of
/// them is now. An id in <see cref="ChangedIds"/> with no entity below is gone (deleted, or a kind the snapshot does
/// not hold, such as an application). Landing zones are streams of their own keyed by their organization's id, so
/// they are named apart: <see cref="ChangedLandingZones"/> holds the organizations whose zone changed, and an
/// organization there with no zone in <see cref="LandingZones"/> has none any more. A changed consent revocation or
/// dispute stream is in <see cref="ChangedIds"/> too; a dispute there with no record below marks its record no more.
/// </summary>
public sealed record CatalogDelta(
    IReadOnlySet<string> ChangedIds,
    IReadOnlyList<Organization> Organizations,
    IReadOnlyList<DataService> Services,
    IReadOnlyList<Dataset> Datasets,
    IReadOnlyList<Grant> Grants,
    IReadOnlySet<string> ChangedLandingZones,
    IReadOnlyList<LandingZone> LandingZones,
    IReadOnlyList<ConsentRevocation>? ConsentRevocations = null,
    IReadOnlyList<DisputedRecord>? DisputedRecords = null);
