namespace DataGateway.Catalog.LandingZones;

/// <summary>A landing zone as the catalog returns it: the secret by its name only, as the catalog holds nothing else.</summary>
public sealed record LandingZoneView(
    string OrganizationId, string DistrictCode, string Url, LandingAuthView Auth, int BatchSize, long RowVersion, DateTimeOffset UpdatedAt);
