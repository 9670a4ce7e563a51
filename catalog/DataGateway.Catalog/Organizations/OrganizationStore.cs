using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Organizations;
using Marten;

namespace DataGateway.Catalog.Organizations;

/// <summary>
/// Organizations in Marten: each is a stream (<see cref="OrganizationRegistered"/>, <see cref="OrganizationChanged"/>,
/// <see cref="OrganizationDeleted"/>) and the API reads the document its inline projection keeps.
/// </summary>
internal static class OrganizationStore
{
    public static async Task<(OrganizationView[] Page, long Total)> ListAsync(IQuerySession session, string? kind, ListPage page, CancellationToken cancellationToken)
    {
        IQueryable<OrganizationDocument> Filtered() =>
            kind is null ? session.Query<OrganizationDocument>() : session.Query<OrganizationDocument>().Where(o => o.Kind == kind);

        var (rows, total) = await ListPaging.PageAsync(Filtered, q => q.OrderBy(o => o.Id), page, cancellationToken);
        return ([.. rows.Select(View)], total);
    }

    public static async Task<OrganizationView?> FindAsync(IQuerySession session, string id, CancellationToken cancellationToken) =>
        await session.LoadAsync<OrganizationDocument>(id, cancellationToken) is { } document ? View(document) : null;

    /// <summary>
    /// Appends <paramref name="e"/> to the organization's stream at <paramref name="streamVersion"/> (0: a new
    /// stream) and answers the document the projection makes of it.
    /// </summary>
    public static OrganizationDocument? Append(CatalogTransaction tx, string id, long streamVersion, OrganizationDocument? current, object e)
    {
        tx.Append<OrganizationDocument>(id, streamVersion, e);
        return OrganizationProjection.Next(current, id, e, streamVersion + 1);
    }

    /// <summary>True when a service, dataset, application or grant still names the organization.</summary>
    public static async Task<bool> InUseAsync(CatalogTransaction tx, string id, CancellationToken cancellationToken)
    {
        await using var inUse = tx.Command(
            """
            select exists (select 1 from mt_doc_dataservice where data->>'ownerId' = @id)
                or exists (select 1 from mt_doc_dataset where data->>'ownerId' = @id and data->>'deletedAt' is null)
                or exists (select 1 from mt_doc_application where data->>'requesterId' = @id)
                or exists (select 1 from mt_doc_grant where data->>'organizationId' = @id)
            """);
        inUse.Parameters.AddWithValue("id", id);
        return (bool)(await inUse.ExecuteScalarAsync(cancellationToken))!;
    }

    public static OrganizationView View(OrganizationDocument d) => new(d.Id, d.Name, d.Kind, d.DistrictCode, d.LicensedDomains, d.Version, d.UpdatedAt);
}
