using DataGateway.Policy.Model;

namespace DataGateway.Policy.Decisions;

/// <summary>Who is calling, as their validated token states it.</summary>
/// <param name="OrganizationId">The <c>org</c> claim.</param>
/// <param name="Kind">The <c>org_kind</c> claim.</param>
/// <param name="DistrictCode">The <c>district</c> claim; required for district callers.</param>
public sealed record CallerIdentity(string OrganizationId, OrganizationKind Kind, string? DistrictCode);
