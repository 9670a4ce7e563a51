namespace DataGateway.Catalog.Organizations;

/// <summary>An organization as the catalog returns it.</summary>
public sealed record OrganizationView(string Id, string Name, string Kind, string? DistrictCode, string[] LicensedDomains, long RowVersion, DateTimeOffset UpdatedAt);
