namespace DataGateway.Catalog.Organizations;

/// <summary>What a client sends to create or replace an organization.</summary>
public sealed record OrganizationBody(string? Id, string? Name, string? Kind, string? DistrictCode, string[]? LicensedDomains);
