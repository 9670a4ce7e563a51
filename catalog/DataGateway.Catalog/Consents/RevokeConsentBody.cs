namespace DataGateway.Catalog.Consents;

/// <summary>The optional body of <c>POST /v1/consents/{id}/revoke</c>.</summary>
/// <param name="Reason">Why, in the subject's or the issuer's words (kept in the history).</param>
/// <param name="ExpiresAt">When the credential would expire anyway, if the issuer says; the withdrawal need not be held past it.</param>
public sealed record RevokeConsentBody(string? Reason, DateTimeOffset? ExpiresAt);
