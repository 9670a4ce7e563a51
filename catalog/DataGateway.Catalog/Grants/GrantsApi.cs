using DataGateway.Catalog.Applications;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Policy.Model;
using DataGateway.Catalog.Store.Grants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Grants;

/// <summary>
/// Grants: made only by approving an application; admins suspend, resume and revoke them; they expire on their own.
/// active ⇄ suspended, either → revoked (final); past its validity a grant reads expired and can only be revoked.
/// </summary>
public static class GrantsApi
{
    public static IEndpointRouteBuilder MapGrantsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/grants").WithTags("Grants");
        group.MapGet("/", List).WithPaging().WithSummary("列出授权 List grants").WithDescription("管理员见全部，其他调用方见本单位的。Admins see all; others their own.");
        group.MapGet("/{id:guid}", Get).WithSummary("读取授权 Read a grant").RefusesMissing();
        group.MapPost("/{id:guid}/suspend", (Guid id, ReasonBody? body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken ct) =>
            TransitionAsync(id, "suspend", body?.Reason, http, db, time, ct)).RequireAdmin().WithSummary("暂停授权 Suspend a grant").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.IllegalTransition);
        group.MapPost("/{id:guid}/resume", (Guid id, ReasonBody? body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken ct) =>
            TransitionAsync(id, "resume", body?.Reason, http, db, time, ct)).RequireAdmin().WithSummary("恢复授权 Resume a grant").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.IllegalTransition);
        group.MapPost("/{id:guid}/revoke", (Guid id, ReasonBody? body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken ct) =>
            TransitionAsync(id, "revoke", body?.Reason, http, db, time, ct)).RequireAdmin().WithSummary("撤销授权 Revoke a grant").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.IllegalTransition);
        group.MapGet("/{id:guid}/history", (Guid id, HistoryQuery history, CancellationToken ct) => history.ForStreamAsync<GrantDocument>("grant", id.ToString(), GrantProjection.Next, ct)).RequireAdmin().WithSummary("授权的变更历史 A grant's history").RefusesMissing();
        return app;
    }

    /// <summary>Admins see every grant; anyone else only their own. One page (<see cref="ListPaging"/>), newest first.</summary>
    public static async Task<Ok<GrantView[]>> List(string? dataset, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        await using var session = db.Query();
        var page = ListPaging.Requested(http);
        var organization = caller.Kind == OrganizationKind.Admin ? null : caller.OrganizationId;
        var (rows, total) = await GrantStore.ListAsync(session, organization, dataset, time.GetUtcNow(), page, cancellationToken);
        ListPaging.WriteHeaders(http, page, total);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<GrantView>, ProblemHttpResult>> Get(Guid id, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        var grant = await GrantStore.FindAsync(session, id, cancellationToken);
        var caller = http.Caller();
        if (grant is null || (caller.Kind != OrganizationKind.Admin && grant.OrganizationId != caller.OrganizationId))
        {
            return CatalogProblems.Missing("grant", id);
        }

        ETags.Set(http.Response, grant.Version);
        return TypedResults.Ok(GrantStore.View(grant, time.GetUtcNow()));
    }

    /// <summary>
    /// Suspends, resumes or revokes: whether the grant may go there is decided from its stream's state (and the
    /// clock, for expiry) by <see cref="GrantStates.After"/>; the reason is part of the event, so the history shows why.
    /// </summary>
    private static async Task<Results<Ok<GrantView>, ProblemHttpResult>> TransitionAsync(
        Guid id, string action, string? reason, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.WriteAsync<Results<Ok<GrantView>, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var streamId = id.ToString();
            var (grant, version) = await tx.StreamAsync<GrantDocument>(streamId, cancellationToken);
            if (grant is null)
            {
                return tx.Fail(CatalogProblems.Missing("grant", id));
            }

            if (!ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("grant", id));
            }

            var state = GrantStates.Read(grant, now);
            if (GrantStates.After(state, action) is null)
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.IllegalTransition, CatalogMessages.Get("illegal_transition.grant", id, state, CatalogMessages.Get("action." + action))));
            }

            var because = reason?.Trim();
            object change = action switch
            {
                "suspend" => new GrantSuspended(because, tx.Actor, tx.Now),
                "resume" => new GrantResumed(because, tx.Actor, tx.Now),
                _ => new GrantRevoked(because, tx.Actor, tx.Now),
            };
            tx.Append<GrantDocument>(streamId, version, change);
            var after = GrantProjection.Next(grant, streamId, change, version + 1)!;
            if (await tx.SaveOrRefuseAsync("grant", streamId, cancellationToken) is { } refused)
            {
                return refused;
            }

            ETags.Set(http.Response, after.Version);
            return TypedResults.Ok(GrantStore.View(after, now));
        }, cancellationToken);
    }
}
