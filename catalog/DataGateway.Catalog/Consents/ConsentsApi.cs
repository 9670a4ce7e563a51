using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Consents;
using DataGateway.Common.Consent;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Consents;

/// <summary>
/// Consents (持证主体授权) as the catalog knows them: only their withdrawals. The consent issuer's organization (or an
/// admin) withdraws one on its subject's behalf; the withdrawal is an event on the consent's own stream, so it bumps
/// the catalog version and every gateway refuses the credential as soon as its snapshot reloads that stream.
/// </summary>
public static class ConsentsApi
{
    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapConsentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/consents").WithTags("Consents");
        group.MapPost("/{id}/revoke", RevokeAsync).RequireConsentIssuer()
            .WithSummary("撤回持证主体授权 Withdraw a consent")
            .WithDescription("授权签发方机构或管理员代持证主体撤回；重复撤回返回首次撤回的结果，不再记录。The consent issuer's organization or an admin withdraws it for its subject; a second withdrawal answers the first and records nothing.")
            .Refuses(StatusCodes.Status409Conflict, CatalogProblems.AlreadyExists);
        group.MapGet("/{id}", GetAsync).RequireConsentIssuer()
            .WithSummary("持证主体授权的撤回状态 Whether a consent is withdrawn");
        return app;
    }

    public static async Task<Results<Ok<ConsentRevocationView>, ValidationProblem, ProblemHttpResult>> RevokeAsync(
        string id, RevokeConsentBody? body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? null : body.Reason.Trim();
        var errors = Check(id);
        if (reason is { Length: > MaxReasonLength })
        {
            errors["reason"] = [CatalogMessages.Get("validation.too_long", MaxReasonLength)];
        }

        if (errors.Count > 0)
        {
            return CatalogProblems.Validation(errors);
        }

        return await db.WriteAsync<Results<Ok<ConsentRevocationView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var streamId = ConsentStreams.For(id);
            var (revoked, version) = await tx.StreamAsync<ConsentRevocationDocument>(streamId, cancellationToken);
            if (revoked is not null)
            {
                // Withdrawn already: the first withdrawal stands, and nothing is written (no new catalog version).
                return tx.Fail(TypedResults.Ok(View(revoked)));
            }

            var change = new ConsentRevoked(id, reason, body?.ExpiresAt, tx.Actor, tx.Now);
            tx.Append<ConsentRevocationDocument>(streamId, version, change);
            var after = ConsentRevocationProjection.Next(null, streamId, change, version + 1)!;
            if (await tx.SaveOrRefuseAsync("consent", id, cancellationToken) is { } refused)
            {
                return refused;
            }

            return TypedResults.Ok(View(after));
        }, cancellationToken);
    }

    public static async Task<Results<Ok<ConsentRevocationView>, ValidationProblem>> GetAsync(string id, CatalogWriter db, CancellationToken cancellationToken)
    {
        var errors = Check(id);
        if (errors.Count > 0)
        {
            return CatalogProblems.Validation(errors);
        }

        await using var session = db.Query();
        var revoked = await session.LoadAsync<ConsentRevocationDocument>(ConsentStreams.For(id), cancellationToken);
        return TypedResults.Ok(revoked is null ? new ConsentRevocationView(id, false, null, null, null, null) : View(revoked));
    }

    private static Dictionary<string, string[]> Check(string id)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ConsentToken.IsValidId(id))
        {
            errors["id"] = [CatalogMessages.Get("validation.consent_id", ConsentToken.MaxIdLength)];
        }

        return errors;
    }

    private static ConsentRevocationView View(ConsentRevocationDocument d) => new(d.ConsentId, true, d.RevokedAt, d.RevokedBy, d.Reason, d.ExpiresAt);
}
