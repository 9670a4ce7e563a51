namespace DataGateway.Policy.Model;

/// <summary>A district organization's endpoint for pushed returns (属地返还 by return job).</summary>
public sealed record LandingZone(string OrganizationId, string DistrictCode, Uri Url, LandingAuthKind AuthKind, string? HeaderName, string? SecretRef, int BatchSize);
