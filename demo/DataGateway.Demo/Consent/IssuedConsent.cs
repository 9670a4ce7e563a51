namespace DataGateway.Demo.Consent;

/// <summary>A consent this issuer signed, as its answers describe it (the credential itself is in <see cref="Token"/>).</summary>
internal sealed record IssuedConsent(
    string Id,
    string Subject,
    string Operator,
    string Dataset,
    string Scenario,
    IReadOnlyList<string> Fields,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string Token)
{
    public DateTimeOffset? WithdrawnAt { get; set; }
}
