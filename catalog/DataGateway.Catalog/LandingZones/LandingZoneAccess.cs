using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.LandingZones;

/// <summary>
/// Who may touch a landing zone: admins any (the zone's organization must still be a district), a district
/// organization its own only, nobody else. Decided before the body is looked at or the catalog is read, so a refused
/// caller learns nothing about another organization's zone, not even whether there is one.
/// </summary>
public static class LandingZoneAccess
{
    /// <summary>Refuses, before the handler runs, a caller who may not touch the zone of the route's <c>{id}</c> (or, without one, any zone).</summary>
    public static TBuilder RequireLandingZoneAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
                Refusal(context.HttpContext.Caller(), context.HttpContext.Request.RouteValues["id"] as string) is { } refused
                    ? refused
                    : await next(context))
            .WithDescription("管理员：任一区政府的落地端点；区政府：仅本机构的；运营机构与部门：无（403）。密钥只以名称（secretRef）引用。" +
                " Admins: any district organization's landing zone; a district: its own only; operators and departments: none (403)." +
                " The secret goes by its name (secretRef) only.")
            .Refuses(StatusCodes.Status403Forbidden, CatalogProblems.LandingZoneNotOwn, CatalogProblems.LandingZoneNotAllowed);

    /// <summary>Why <paramref name="caller"/> may not touch <paramref name="organizationId"/>'s zone (null: any zone it may see); null when it may.</summary>
    public static ProblemHttpResult? Refusal(CallerIdentity caller, string? organizationId) => caller.Kind switch
    {
        OrganizationKind.Admin => null,
        OrganizationKind.District when organizationId is null || organizationId == caller.OrganizationId => null,
        OrganizationKind.District => CatalogProblems.Forbidden(
            CatalogProblems.LandingZoneNotOwn, CatalogMessages.Get("landing_zone_not_own.detail", caller.OrganizationId)),
        _ => CatalogProblems.Forbidden(CatalogProblems.LandingZoneNotAllowed, CatalogMessages.Get("landing_zone_not_allowed.detail")),
    };

    /// <summary>The organization whose zones a list shows the caller: all for admins (null), its own for a district.</summary>
    public static string? ListScope(CallerIdentity caller) => caller.Kind == OrganizationKind.Admin ? null : caller.OrganizationId;
}
