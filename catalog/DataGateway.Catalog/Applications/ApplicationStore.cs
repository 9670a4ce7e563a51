using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Applications;
using DataGateway.Catalog.Store.Datasets;
using Marten;

namespace DataGateway.Catalog.Applications;

/// <summary>
/// Applications in Marten: each is a stream (<see cref="ApplicationSubmitted"/>, then at most one decision) and the
/// API reads the document its inline projection keeps. Also what an application needs to know of its dataset.
/// </summary>
internal static class ApplicationStore
{
    /// <summary>One page, newest first (or oldest first); <paramref name="requester"/> null for every requester.</summary>
    public static async Task<(ApplicationView[] Page, long Total)> ListAsync(
        IQuerySession session, string? requester, string? state, bool oldestFirst, ListPage page, CancellationToken cancellationToken)
    {
        IQueryable<ApplicationDocument> Filtered()
        {
            IQueryable<ApplicationDocument> query = session.Query<ApplicationDocument>();
            if (requester is not null)
            {
                query = query.Where(a => a.RequesterId == requester);
            }

            return state is null ? query : query.Where(a => a.State == state);
        }

        // Both orders end in the id, so pages never overlap or skip.
        var (rows, total) = await ListPaging.PageAsync(
            Filtered, q => oldestFirst ? q.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id) : q.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id), page, cancellationToken);
        return ([.. rows.Select(View)], total);
    }

    public static async Task<ApplicationDocument?> FindAsync(IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        await session.LoadAsync<ApplicationDocument>(id.ToString(), cancellationToken);

    /// <summary>What an application is checked against: the dataset's sharing, domain and fields. Null when there is no such dataset.</summary>
    public static async Task<DatasetFacts?> DatasetFactsAsync(CatalogTransaction tx, string code, CancellationToken cancellationToken)
    {
        var document = await tx.Session.LoadAsync<DatasetDocument>(code, cancellationToken);
        if (!Datasets.DatasetStore.IsLive(document))
        {
            return null;
        }

        var c = document!;
        return new DatasetFacts(code, c.Sharing, c.Domain, c.OpenForOperation,
            c.Fields.ToDictionary(f => f.Name, f => (f.Level, f.Personal), StringComparer.Ordinal));
    }

    /// <summary>An operator applies only for a dataset open for operation (授权运营) in a domain it is licensed for.</summary>
    public static async Task<bool> OperatorMayApplyAsync(CatalogTransaction tx, string operatorId, DatasetFacts dataset, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("select data->'licensedDomains' @> jsonb_build_array(@domain::text) from mt_doc_organization where id = @id");
        command.Parameters.AddWithValue("id", operatorId);
        command.Parameters.AddWithValue("domain", dataset.Domain);
        return dataset.OpenForOperation && (bool?)await command.ExecuteScalarAsync(cancellationToken) == true;
    }

    public static ApplicationView View(ApplicationDocument d) => new(
        Guid.Parse(d.Id), d.RequesterId, d.DatasetCode, d.Scenario, d.ScenarioDescription, d.LegalBasis, d.Fields, d.Districts, d.VerifyFields,
        d.ValidFrom, d.ValidUntil, d.DailyQuota, d.State, d.DecidedBy, d.DecidedAt, d.RejectReason,
        d.GrantId is null ? null : Guid.Parse(d.GrantId), d.Version, d.CreatedAt);
}
