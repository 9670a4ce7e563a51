namespace DataGateway.Policy.Model;

/// <summary>A department, district, operator or admin body.</summary>
/// <param name="Id">Stable identifier, e.g. <c>district-310104</c>; the <c>org</c> claim of the caller's token.</param>
/// <param name="DistrictCode">Six-digit district code for districts (310101 黄浦 … 310151 崇明); null otherwise.</param>
/// <param name="LicensedDomains">Domains an operator is licensed for (授权运营: medical, transport, finance, …).</param>
public sealed record Organization(
    string Id,
    string Name,
    OrganizationKind Kind,
    string? DistrictCode,
    IReadOnlySet<string> LicensedDomains);
