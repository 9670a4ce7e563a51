using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.LandingZones;
using DataGateway.Catalog.Store.Snapshots;
using Marten;

namespace DataGateway.Catalog.LandingZones;

/// <summary>
/// Landing zones in Marten: each is a stream keyed by its organization (<see cref="LandingZoneStreams"/>:
/// <see cref="LandingZoneRegistered"/>, <see cref="LandingZoneChanged"/>, <see cref="LandingZoneDeleted"/>), and the
/// API reads the document its inline projection keeps.
/// </summary>
internal static class LandingZoneStore
{
    /// <param name="organizationId">Only this organization's zone (a district's own list); null for all of them.</param>
    public static async Task<(LandingZoneView[] Page, long Total)> ListAsync(
        IQuerySession session, string? district, string? organizationId, ListPage page, CancellationToken cancellationToken)
    {
        IQueryable<LandingZoneDocument> Filtered()
        {
            var query = session.Query<LandingZoneDocument>().AsQueryable();
            if (district is not null)
            {
                query = query.Where(z => z.DistrictCode == district);
            }

            return organizationId is null ? query : query.Where(z => z.OrganizationId == organizationId);
        }

        var (rows, total) = await ListPaging.PageAsync(Filtered, q => q.OrderBy(z => z.OrganizationId), page, cancellationToken);
        return ([.. rows.Select(View)], total);
    }

    public static async Task<LandingZoneView?> FindAsync(IQuerySession session, string organizationId, CancellationToken cancellationToken) =>
        await session.LoadAsync<LandingZoneDocument>(LandingZoneStreams.Of(organizationId), cancellationToken) is { } document ? View(document) : null;

    /// <summary>The zone's state and its stream's version, from the stream itself, for a change to it.</summary>
    public static Task<(LandingZoneDocument? Current, long Version)> StreamAsync(CatalogTransaction tx, string organizationId, CancellationToken cancellationToken) =>
        tx.StreamAsync<LandingZoneDocument>(LandingZoneStreams.Of(organizationId), cancellationToken);

    /// <summary>
    /// The event that makes <paramref name="organizationId"/>'s zone <paramref name="input"/>: registered when the
    /// stream has no zone now (new, or deleted before), else changed.
    /// </summary>
    public static object Change(CatalogTransaction tx, string organizationId, string districtCode, LandingZoneDocument? current, LandingZoneInput input)
    {
        var kind = CatalogText.Format(input.AuthKind);
        return current is null
            ? new LandingZoneRegistered(organizationId, districtCode, input.Url, kind, input.HeaderName, input.SecretRef, input.BatchSize, tx.Actor, tx.Now)
            : new LandingZoneChanged(districtCode, input.Url, kind, input.HeaderName, input.SecretRef, input.BatchSize, tx.Actor, tx.Now);
    }

    /// <summary>Appends <paramref name="e"/> at <paramref name="streamVersion"/> and answers the document the projection makes of it.</summary>
    public static LandingZoneDocument? Append(CatalogTransaction tx, string organizationId, long streamVersion, LandingZoneDocument? current, object e)
    {
        var streamId = LandingZoneStreams.Of(organizationId);
        tx.Append<LandingZoneDocument>(streamId, streamVersion, e);
        return LandingZoneProjection.Next(current, streamId, e, streamVersion + 1);
    }

    /// <summary>The other organization that holds <paramref name="districtCode"/>'s zone, if any: a district has one zone.</summary>
    public static async Task<string?> DistrictHolderAsync(CatalogTransaction tx, string districtCode, string organizationId, CancellationToken cancellationToken)
    {
        var holders = await tx.Session.Query<LandingZoneDocument>()
            .Where(z => z.DistrictCode == districtCode && z.OrganizationId != organizationId)
            .Select(z => z.OrganizationId)
            .ToListAsync(cancellationToken);
        return holders.Order(StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>True when the organization has a zone (it then keeps its kind and district, and is not deleted).</summary>
    public static async Task<bool> ExistsAsync(CatalogTransaction tx, string organizationId, CancellationToken cancellationToken) =>
        await tx.Session.LoadAsync<LandingZoneDocument>(LandingZoneStreams.Of(organizationId), cancellationToken) is not null;

    public static LandingZoneView View(LandingZoneDocument d) =>
        new(d.OrganizationId, d.DistrictCode, d.Url, new LandingAuthView(d.AuthKind, d.HeaderName, d.SecretRef), d.BatchSize, d.Version, d.UpdatedAt);
}
