namespace DataGateway.Policy.Model;

/// <summary>
/// A district organization's endpoint for pushed returns (属地返还 推送): where the returns worker POSTs a district's
/// batches, how it authenticates, and how many rows go in one batch. One per district organization.
/// </summary>
/// <param name="OrganizationId">The district organization the zone belongs to (its stream is keyed by this id).</param>
/// <param name="DistrictCode">The organization's district code: the rows of this district go here, and only those.</param>
/// <param name="Url">Absolute http(s) address, without user info, query or fragment.</param>
/// <param name="HeaderName">The header the secret goes in, for <see cref="LandingAuthKind.Header"/>; null otherwise.</param>
/// <param name="SecretRef">
/// The name of the secret the worker resolves from its own configuration (a mounted secrets directory or
/// <c>DataGateway__Returns__Secrets__&lt;name&gt;</c>); null for <see cref="LandingAuthKind.None"/>. Never the secret itself.
/// </param>
/// <param name="BatchSize">Rows per POST, 1 to 10,000.</param>
public sealed record LandingZone(
    string OrganizationId,
    string DistrictCode,
    Uri Url,
    LandingAuthKind AuthKind,
    string? HeaderName,
    string? SecretRef,
    int BatchSize);
