using JasperFx.Events;
using Marten.Events.Aggregation;

namespace DataGateway.Catalog.Store.LandingZones;

/// <summary>
/// Folds a landing zone's stream into its document, inline. The fold is a pure function (<see cref="Next"/>) so the
/// history can replay it to show each change's before and after.
/// </summary>
public sealed class LandingZoneProjection : SingleStreamProjection<LandingZoneDocument, string>
{
    public override LandingZoneDocument? Evolve(LandingZoneDocument? snapshot, string id, IEvent e) => Next(snapshot, id, e.Data, e.Version);

    /// <summary>The state after event <paramref name="data"/> (the stream's <paramref name="version"/>th); null once deleted. Never changes <paramref name="snapshot"/>.</summary>
    public static LandingZoneDocument? Next(LandingZoneDocument? snapshot, string id, object data, long version)
    {
        var next = data switch
        {
            LandingZoneRegistered r => new LandingZoneDocument
            {
                Id = id, OrganizationId = r.OrganizationId, DistrictCode = r.DistrictCode, Url = r.Url, AuthKind = r.AuthKind,
                HeaderName = r.HeaderName, SecretRef = r.SecretRef, BatchSize = r.BatchSize, UpdatedAt = r.At,
            },
            LandingZoneChanged c when snapshot is not null => new LandingZoneDocument
            {
                Id = id, OrganizationId = snapshot.OrganizationId, DistrictCode = c.DistrictCode, Url = c.Url, AuthKind = c.AuthKind,
                HeaderName = c.HeaderName, SecretRef = c.SecretRef, BatchSize = c.BatchSize, UpdatedAt = c.At,
            },
            LandingZoneDeleted => null,
            _ => snapshot,
        };

        if (next is not null && !ReferenceEquals(next, snapshot))
        {
            next.Version = version;
        }

        return next;
    }
}
