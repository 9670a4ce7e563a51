using JasperFx.Events;
using Marten.Events.Aggregation;

namespace DataGateway.Catalog.Store.Organizations;

/// <summary>
/// Folds an organization's stream into its document, inline (in the transaction that appends). The fold is a pure
/// function (<see cref="Next"/>) so the history can replay it event by event to show each change's before and after.
/// </summary>
public sealed class OrganizationProjection : SingleStreamProjection<OrganizationDocument, string>
{
    public override OrganizationDocument? Evolve(OrganizationDocument? snapshot, string id, IEvent e) => Next(snapshot, id, e.Data, e.Version);

    /// <summary>The state after event <paramref name="data"/> (the stream's <paramref name="version"/>th); null once deleted. Never changes <paramref name="snapshot"/>.</summary>
    public static OrganizationDocument? Next(OrganizationDocument? snapshot, string id, object data, long version)
    {
        var next = data switch
        {
            OrganizationRegistered r => new OrganizationDocument
            {
                Id = id, Name = r.Name, Kind = r.Kind, DistrictCode = r.DistrictCode, LicensedDomains = r.LicensedDomains, UpdatedAt = r.At,
            },
            OrganizationChanged c when snapshot is not null => new OrganizationDocument
            {
                Id = id, Name = c.Name, Kind = c.Kind, DistrictCode = c.DistrictCode, LicensedDomains = c.LicensedDomains, UpdatedAt = c.At,
            },
            OrganizationDeleted => null,
            _ => snapshot,
        };

        if (next is not null && !ReferenceEquals(next, snapshot))
        {
            next.Version = version;
        }

        return next;
    }
}
