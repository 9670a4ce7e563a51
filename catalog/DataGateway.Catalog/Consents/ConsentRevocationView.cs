namespace DataGateway.Catalog.Consents;

/// <summary>
/// Where a consent stands as far as the catalog knows: withdrawn (with when, by whom and why) or not. The catalog
/// learns of a consent only when it is withdrawn (its credential is the consent), so "not withdrawn" is all it can
/// say of any other id, whether its issuer ever signed it or not.
/// </summary>
public sealed record ConsentRevocationView(string ConsentId, bool Revoked, DateTimeOffset? RevokedAt, string? RevokedBy, string? Reason, DateTimeOffset? ExpiresAt);
