using DataGateway.Common.Problems;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using DataGateway.Catalog.Store.Organizations;
using Marten;

namespace DataGateway.Catalog.Identity;

/// <summary>
/// Trusts a signed token only as far as the catalog agrees with it: the token's organization must exist with the same
/// kind (and district), by the same <see cref="CallerCheck"/> the gateway applies, or the call is answered 403
/// <c>caller_unknown</c> before any endpoint runs. Runs after the identity middleware on every <c>/v1</c> call.
/// </summary>
/// <remarks>
/// One primary-key lookup of the organization's document per call rather than a cached table: it costs a fraction of a millisecond on the connection
/// the call opens anyway (measured: see the catalog's README section on callers), and it is exact at once and across replicas — a
/// deleted organization, or one whose kind or district changed, is refused on the very next call, with no window in
/// which a notification is still on its way.
/// </remarks>
internal sealed class CatalogCallerMiddleware(RequestDelegate next, IDocumentStore store)
{
    public async Task Invoke(HttpContext context)
    {
        var caller = context.Caller();
        // An org claim that no organization id can spell is unknown without asking the database (which would refuse a NUL).
        var organization = Validation.IsIdentifier(caller.OrganizationId) ? await FindAsync(caller.OrganizationId, context.RequestAborted) : null;
        if (!CallerCheck.Matches(organization, caller))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, ReasonCodes.CallerUnknown, CatalogMessages.Get("caller_unknown.detail"));
            return;
        }

        await next(context);
    }

    private async Task<Organization?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var found = await session.LoadAsync<OrganizationDocument>(id, cancellationToken);
        return found is null
            ? null
            : new Organization(found.Id, found.Name, CatalogText.ParseKind(found.Kind), found.DistrictCode, found.LicensedDomains.ToHashSet(StringComparer.Ordinal));
    }
}
