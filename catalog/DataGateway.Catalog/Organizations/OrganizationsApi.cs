using DataGateway.Catalog.Identity;
using DataGateway.Catalog.LandingZones;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Organizations;
using DataGateway.Catalog.Store.Snapshots;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Organizations;

/// <summary>Departments, districts, operators and the data center itself.</summary>
public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/organizations").WithTags("Organizations");
        group.MapGet("/", List).AddEndpointFilter(QueryFilters.OneOf("kind", () => CatalogMessages.Get("validation.org_kind"), "admin", "department", "district", "operator", "bundle_reader", "consent_issuer")).WithPaging().WithSummary("列出组织 List organizations");
        group.MapGet("/{id}", Get).WithSummary("读取组织 Read an organization").RefusesMissing();
        group.MapPost("/", Create).RequireAdmin().WithSummary("登记组织 Register an organization").Refuses(409, CatalogProblems.AlreadyExists);
        group.MapPut("/{id}", Update).RequireAdmin().WithSummary("修改组织 Change an organization").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.OrganizationHasLandingZone);
        group.MapDelete("/{id}", Delete).RequireAdmin().WithSummary("删除组织 Delete an organization").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.InUse, CatalogProblems.OrganizationHasLandingZone);
        group.MapGet("/{id}/history", (string id, HistoryQuery history, CancellationToken ct) => history.ForStreamAsync<OrganizationDocument>("organization", id, OrganizationProjection.Next, ct)).RequireAdmin().WithSummary("组织的变更历史 An organization's history").RefusesMissing();
        return app;
    }

    /// <summary>One page (<see cref="ListPaging"/>) of the organizations, by id.</summary>
    public static async Task<Ok<OrganizationView[]>> List(string? kind, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        var page = ListPaging.Requested(http);
        var (rows, total) = await OrganizationStore.ListAsync(session, kind, page, cancellationToken);
        ListPaging.WriteHeaders(http, page, total);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Get(string id, HttpResponse response, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        if (await OrganizationStore.FindAsync(session, id, cancellationToken) is not { } view)
        {
            return CatalogProblems.Missing("organization", id);
        }

        ETags.Set(response, view.RowVersion);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Created<OrganizationView>, ValidationProblem, ProblemHttpResult>> Create(
        OrganizationBody body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var validation = Validate(body, body.Id);
        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        return await db.WriteAsync<Results<Created<OrganizationView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var id = body.Id!;
            var (current, version) = await tx.StreamAsync<OrganizationDocument>(id, cancellationToken);
            if (current is not null)
            {
                return tx.Fail(CatalogProblems.Duplicate("organization", id));
            }

            // A deleted organization's stream goes on: the id comes back with its history before it.
            var created = OrganizationStore.Append(tx, id, version, null, Registered(id, body, tx))!;
            if (await tx.SaveOrRefuseAsync("organization", id, cancellationToken) is { } refused)
            {
                return refused;
            }

            ETags.Set(http.Response, created.Version);
            return TypedResults.Created($"/v1/organizations/{id}", OrganizationStore.View(created));
        }, cancellationToken);
    }

    public static async Task<Results<Ok<OrganizationView>, ValidationProblem, ProblemHttpResult>> Update(
        string id, OrganizationBody body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var validation = Validate(body, id);
        if (body.Id is not null && body.Id != id)
        {
            validation.Add("id", CatalogMessages.Get("validation.id_immutable"));
        }

        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        return await db.WriteAsync<Results<Ok<OrganizationView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var (current, version) = await tx.StreamAsync<OrganizationDocument>(id, cancellationToken);
            if (current is null)
            {
                return tx.Fail(CatalogProblems.Missing("organization", id));
            }

            if (!ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("organization", id));
            }

            // A zone routes its district's rows to this organization: it may not become another district, or none.
            if ((current.Kind != body.Kind || current.DistrictCode != body.DistrictCode) && await LandingZoneStore.ExistsAsync(tx, id, cancellationToken))
            {
                return tx.Fail(LandingZoneProblems.OrganizationHasZone(id));
            }

            var changed = new OrganizationChanged(body.Name!.Trim(), body.Kind!, body.DistrictCode, Domains(body), tx.Actor, tx.Now);
            var after = OrganizationStore.Append(tx, id, version, current, changed)!;
            if (await tx.SaveOrRefuseAsync("organization", id, cancellationToken) is { } refused)
            {
                return refused;
            }

            ETags.Set(http.Response, after.Version);
            return TypedResults.Ok(OrganizationStore.View(after));
        }, cancellationToken);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        return await db.WriteAsync<Results<NoContent, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var (current, version) = await tx.StreamAsync<OrganizationDocument>(id, cancellationToken);
            if (current is null)
            {
                return tx.Fail(CatalogProblems.Missing("organization", id));
            }

            if (!ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("organization", id));
            }

            if (await OrganizationStore.InUseAsync(tx, id, cancellationToken))
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.InUse, CatalogMessages.Get("in_use.organization", id)));
            }

            // Refused rather than deleting the zone along: the zone's deletion is then its own event, by someone who chose it.
            if (await LandingZoneStore.ExistsAsync(tx, id, cancellationToken))
            {
                return tx.Fail(LandingZoneProblems.OrganizationHasZone(id));
            }

            OrganizationStore.Append(tx, id, version, current, new OrganizationDeleted(tx.Actor, tx.Now));
            if (await tx.SaveOrRefuseAsync("organization", id, cancellationToken) is { } refused)
            {
                return refused;
            }

            return TypedResults.NoContent();
        }, cancellationToken);
    }

    /// <summary>The event that registers the organization a client described (also the bootstrap's admin).</summary>
    internal static OrganizationRegistered Registered(string id, OrganizationBody body, CatalogTransaction tx) =>
        new(id, body.Name!.Trim(), body.Kind!, body.DistrictCode, Domains(body), tx.Actor, tx.Now);

    private static string[] Domains(OrganizationBody body) => body.LicensedDomains?.Distinct().Order().ToArray() ?? [];

    private static Validation Validate(OrganizationBody body, string? id)
    {
        var validation = new Validation();
        validation.Identifier("id", id);
        validation.Require("name", body.Name);
        if (!CatalogText.TryParseKind(body.Kind, out var kind))
        {
            validation.Add("kind", CatalogMessages.Get("validation.org_kind"));
        }
        else if (kind == Policy.Model.OrganizationKind.District)
        {
            if (!Validation.IsDistrictCode(body.DistrictCode))
            {
                validation.Add("districtCode", CatalogMessages.Get("validation.district_needs_code"));
            }
        }
        else if (body.DistrictCode is not null)
        {
            validation.Add("districtCode", CatalogMessages.Get("validation.only_districts_code"));
        }

        if (body.LicensedDomains is { Length: > 0 } && kind != Policy.Model.OrganizationKind.Operator)
        {
            validation.Add("licensedDomains", CatalogMessages.Get("validation.only_operators_domains"));
        }

        if (body.LicensedDomains?.Any(string.IsNullOrWhiteSpace) == true)
        {
            validation.Add("licensedDomains", CatalogMessages.Get("validation.empty_names"));
        }

        return validation;
    }
}
