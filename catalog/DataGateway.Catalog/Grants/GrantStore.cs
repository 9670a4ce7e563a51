using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Grants;
using Marten;

namespace DataGateway.Catalog.Grants;

/// <summary>
/// Grants in Marten: each is a stream (<see cref="GrantIssued"/>, then suspensions, resumptions, a revocation) and the
/// API reads the document its inline projection keeps.
/// </summary>
internal static class GrantStore
{
    /// <summary>One page, newest first; <paramref name="organization"/> null for every grantee.</summary>
    public static async Task<(GrantView[] Page, long Total)> ListAsync(
        IQuerySession session, string? organization, string? dataset, DateTimeOffset now, ListPage page, CancellationToken cancellationToken)
    {
        IQueryable<GrantDocument> Filtered()
        {
            IQueryable<GrantDocument> query = session.Query<GrantDocument>();
            if (organization is not null)
            {
                query = query.Where(g => g.OrganizationId == organization);
            }

            return dataset is null ? query : query.Where(g => g.DatasetCode == dataset);
        }

        var (rows, total) = await ListPaging.PageAsync(Filtered, q => q.OrderByDescending(g => g.CreatedAt).ThenBy(g => g.Id), page, cancellationToken);
        return ([.. rows.Select(g => View(g, now))], total);
    }

    public static async Task<GrantDocument?> FindAsync(IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        await session.LoadAsync<GrantDocument>(id.ToString(), cancellationToken);

    /// <summary>The dataset's grants that still allow something (neither revoked nor expired), for its deletion.</summary>
    public static async Task<IReadOnlyList<GrantDocument>> LiveForDatasetAsync(CatalogTransaction tx, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var grants = await tx.Session.Query<GrantDocument>().Where(g => g.DatasetCode == code).ToListAsync(cancellationToken);
        return [.. grants.Where(g => GrantStates.Read(g, now) is GrantStates.Active or GrantStates.Suspended)];
    }

    public static GrantView View(GrantDocument d, DateTimeOffset now) => new(
        Guid.Parse(d.Id), d.ApplicationId is null ? null : Guid.Parse(d.ApplicationId), d.OrganizationId, d.DatasetCode, d.Scenario,
        d.Fields, d.Districts, d.VerifyFields, d.ValidFrom, d.ValidUntil, d.DailyQuota, GrantStates.Read(d, now), d.Version, d.UpdatedAt);
}
