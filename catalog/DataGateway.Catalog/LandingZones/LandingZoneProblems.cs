using DataGateway.Catalog.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.LandingZones;

/// <summary>The landing zones' own refusals, in the catalog's problem+json shape.</summary>
public static class LandingZoneProblems
{
    /// <summary>
    /// 400 for a body with <paramref name="issues"/>: the first one's <c>code</c>, <c>member</c> and detail, as every
    /// refusal of one member reads, and all of them under <c>issues</c>, so the caller learns every one at once.
    /// </summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<LandingZoneIssue> issues)
    {
        var first = issues[0];
        return TypedResults.Problem(
            detail: first.Detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: CatalogMessages.Get(first.Code),
            extensions: new Dictionary<string, object?>
            {
                ["code"] = first.Code,
                ["member"] = first.Member,
                ["issues"] = issues.Select(i => new Dictionary<string, string> { ["code"] = i.Code, ["member"] = i.Member, ["detail"] = i.Detail }).ToArray(),
            });
    }

    /// <summary>409: the organization is not a district, so it has no zone.</summary>
    public static ProblemHttpResult NotDistrict(string organizationId, string kind) =>
        CatalogProblems.Conflict(CatalogProblems.LandingZoneNotDistrict, CatalogMessages.Get("landing_zone_not_district.detail", organizationId, kind));

    /// <summary>409: the district has a zone already, held by <paramref name="holder"/>.</summary>
    public static ProblemHttpResult DistrictTaken(string districtCode, string holder) =>
        CatalogProblems.Conflict(CatalogProblems.LandingZoneDistrictTaken, CatalogMessages.Get("landing_zone_district_taken.detail", districtCode, holder));

    /// <summary>409: the organization's zone must go before it does, or before its kind or district changes.</summary>
    public static ProblemHttpResult OrganizationHasZone(string organizationId) =>
        CatalogProblems.Conflict(CatalogProblems.OrganizationHasLandingZone, CatalogMessages.Get("organization_has_landing_zone.detail", organizationId));
}
