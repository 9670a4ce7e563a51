namespace DataGateway.Policy.Model;

/// <summary>A withdrawn consent (持证主体授权): its credential is refused from the moment a gateway's snapshot holds this.</summary>
/// <param name="Id">The revocation's stream id, as <see cref="CatalogDelta.ChangedIds"/> names it.</param>
/// <param name="ConsentId">The consent's id, its credential's <c>jti</c>.</param>
public sealed record ConsentRevocation(string Id, string ConsentId, DateTimeOffset RevokedAt);
