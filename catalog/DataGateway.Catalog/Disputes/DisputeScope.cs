using DataGateway.Catalog.Store.Datasets;
using DataGateway.Catalog.Store.Disputes;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Marten;

namespace DataGateway.Catalog.Disputes;

/// <summary>
/// Which disputes a caller may see: admins all; a department those on the datasets it owns now (a dataset handed to
/// another department takes its disputes with it); every caller the ones it raised. Anything else does not exist for
/// it: reading one answers 404, exactly as a dispute that was never raised.
/// </summary>
public sealed record DisputeScope(bool All, string OrganizationId, IReadOnlyList<string> OwnedDatasets)
{
    public static async Task<DisputeScope> OfAsync(CallerIdentity caller, IQuerySession session, CancellationToken cancellationToken)
    {
        if (caller.Kind == OrganizationKind.Admin)
        {
            return new DisputeScope(true, caller.OrganizationId, []);
        }

        IReadOnlyList<string> owned = caller.Kind == OrganizationKind.Department
            ? await session.Query<DatasetDocument>().Where(d => d.OwnerId == caller.OrganizationId).Select(d => d.Id).ToListAsync(cancellationToken)
            : [];
        return new DisputeScope(false, caller.OrganizationId, owned);
    }

    public bool CanSee(DisputeDocument dispute) => All || dispute.RaisedBy == OrganizationId || CanAnswer(dispute);

    /// <summary>Admins and the department that owns the dispute's dataset answer it; its raiser only reads it.</summary>
    public bool CanAnswer(DisputeDocument dispute) => All || OwnedDatasets.Contains(dispute.Dataset, StringComparer.Ordinal);
}
