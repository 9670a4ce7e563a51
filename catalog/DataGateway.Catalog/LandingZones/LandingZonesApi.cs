using DataGateway.Catalog.ApiReference;
using DataGateway.Catalog.Hosting;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.LandingZones;
using DataGateway.Catalog.Store.Organizations;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DataGateway.Catalog.LandingZones;

/// <summary>
/// Districts' landing zones for pushed returns (属地返还 推送): where the returns worker POSTs a district's rows, how
/// it authenticates (a secret by name only), how many rows a batch holds. One per district organization, under the
/// organization's path; the returns worker reads them from the gateway's snapshot, never from here.
/// </summary>
public static class LandingZonesApi
{
    /// <summary>What a body can be refused with (<see cref="LandingZoneValidator"/>).</summary>
    private static readonly string[] BodyCodes =
    [
        CatalogProblems.LandingUrlInvalid, CatalogProblems.LandingUrlTooLong, CatalogProblems.LandingUrlUserInfo, CatalogProblems.LandingUrlQuery,
        CatalogProblems.LandingUrlFragment, CatalogProblems.LandingUrlHttpsRequired, CatalogProblems.LandingAuthKindInvalid,
        CatalogProblems.LandingHeaderInvalid, CatalogProblems.LandingHeaderReserved, CatalogProblems.LandingHeaderUnexpected,
        CatalogProblems.LandingSecretRefRequired, CatalogProblems.LandingSecretRefInvalid, CatalogProblems.LandingSecretRefUnexpected,
        CatalogProblems.LandingBatchSizeOutOfRange,
    ];

    public static IEndpointRouteBuilder MapLandingZonesApi(this IEndpointRouteBuilder app)
    {
        var zone = app.MapGroup("/v1/organizations/{id}/landing-zone").WithTags("LandingZones").RequireLandingZoneAccess();
        zone.MapGet("/", Get).WithSummary("读取落地端点 Read a district's landing zone").RefusesMissing();
        zone.MapPut("/", Put).WithSummary("登记或替换落地端点 Register or replace a district's landing zone").RefusesMissing().RefusesStale()
            .Refuses(StatusCodes.Status400BadRequest, BodyCodes)
            .Refuses(StatusCodes.Status409Conflict, CatalogProblems.LandingZoneNotDistrict, CatalogProblems.LandingZoneDistrictTaken);
        zone.MapDelete("/", Delete).WithSummary("删除落地端点 Delete a district's landing zone").RefusesMissing().RefusesStale();
        zone.MapGet("/history", History).WithSummary("落地端点的变更历史 A landing zone's history").RefusesMissing();

        app.MapGroup("/v1/landing-zones").WithTags("LandingZones").RequireLandingZoneAccess()
            .MapGet("/", List).WithPaging()
            .WithQueryParameters(new QueryParameterDoc("district", "区划。Only the zone of this district (six digits, e.g. 310104).", Pattern: "^[0-9]{6}$"))
            .WithSummary("列出落地端点 List landing zones (a district sees its own)");
        return app;
    }

    /// <summary><c>GET /v1/landing-zones?district=</c>: one page of the zones by organization id; a district's own only.</summary>
    public static async Task<Results<Ok<LandingZoneView[]>, ValidationProblem>> List(HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        // Read by hand, so that "district=" (empty) is refused rather than taken as no filter.
        var district = http.Request.Query.TryGetValue("district", out var given) ? given.ToString() : null;
        if (district is not null && !Validation.IsDistrictCode(district))
        {
            return CatalogProblems.Validation(new Dictionary<string, string[]> { ["district"] = [CatalogMessages.Get("validation.district_code", district)] });
        }

        await using var session = db.Query();
        var page = ListPaging.Requested(http);
        var (rows, total) = await LandingZoneStore.ListAsync(session, district, LandingZoneAccess.ListScope(http.Caller()), page, cancellationToken);
        ListPaging.WriteHeaders(http, page, total);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<LandingZoneView>, ProblemHttpResult>> Get(string id, HttpResponse response, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        if (await LandingZoneStore.FindAsync(session, id, cancellationToken) is not { } view)
        {
            return await session.LoadAsync<OrganizationDocument>(id, cancellationToken) is null
                ? CatalogProblems.Missing("organization", id)
                : CatalogProblems.Missing("landing_zone", id);
        }

        ETags.Set(response, view.RowVersion);
        return TypedResults.Ok(view);
    }

    /// <summary>
    /// <c>PUT</c>: creates the zone (201) or replaces it (200). With <c>If-Match</c> only the version read is replaced,
    /// and an <c>If-Match</c> for a zone that is not there (any more) is 412, never a silent create.
    /// </summary>
    public static async Task<Results<Created<LandingZoneView>, Ok<LandingZoneView>, ProblemHttpResult>> Put(
        string id, LandingZoneBody body, HttpContext http, CatalogWriter db, IOptions<CatalogOptions> options, CancellationToken cancellationToken)
    {
        var (input, issues) = LandingZoneValidator.Validate(body, options.Value.LandingZones.AllowHttp);
        if (input is null)
        {
            return LandingZoneProblems.Invalid(issues);
        }

        return await db.WriteAsync<Results<Created<LandingZoneView>, Ok<LandingZoneView>, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var (organization, _) = await tx.StreamAsync<OrganizationDocument>(id, cancellationToken);
            if (organization is null)
            {
                return tx.Fail(CatalogProblems.Missing("organization", id));
            }

            if (CatalogText.ParseKind(organization.Kind) != OrganizationKind.District || organization.DistrictCode is not { } district)
            {
                return tx.Fail(LandingZoneProblems.NotDistrict(id, organization.Kind));
            }

            var (current, version) = await LandingZoneStore.StreamAsync(tx, id, cancellationToken);
            if ((current is null && http.Request.Headers.IfMatch.Count > 0) || !ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("landing_zone", id));
            }

            if (await LandingZoneStore.DistrictHolderAsync(tx, district, id, cancellationToken) is { } holder)
            {
                return tx.Fail(LandingZoneProblems.DistrictTaken(district, holder));
            }

            var after = LandingZoneStore.Append(tx, id, version, current, LandingZoneStore.Change(tx, id, district, current, input))!;
            if (await tx.SaveOrRefuseAsync("landing_zone", id, cancellationToken) is { } refused)
            {
                return refused;
            }

            ETags.Set(http.Response, after.Version);
            var view = LandingZoneStore.View(after);
            return current is null ? TypedResults.Created($"/v1/organizations/{id}/landing-zone", view) : TypedResults.Ok(view);
        }, cancellationToken);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        return await db.WriteAsync<Results<NoContent, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var (current, version) = await LandingZoneStore.StreamAsync(tx, id, cancellationToken);
            if (current is null)
            {
                return tx.Fail(CatalogProblems.Missing("landing_zone", id));
            }

            if (!ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("landing_zone", id));
            }

            LandingZoneStore.Append(tx, id, version, current, new LandingZoneDeleted(tx.Actor, tx.Now));
            if (await tx.SaveOrRefuseAsync("landing_zone", id, cancellationToken) is { } refused)
            {
                return refused;
            }

            return TypedResults.NoContent();
        }, cancellationToken);
    }

    /// <summary>Every event of the zone's stream, with the zone before and after: secret names only, as the events hold.</summary>
    public static Task<Results<Ok<HistoryEvent[]>, ProblemHttpResult>> History(string id, HistoryQuery history, CancellationToken cancellationToken) =>
        history.ForStreamAsync<LandingZoneDocument>("landing_zone", LandingZoneStreams.Of(id), LandingZoneProjection.Next, cancellationToken, shownId: id);
}
