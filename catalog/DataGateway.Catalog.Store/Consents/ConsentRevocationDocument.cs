namespace DataGateway.Catalog.Store.Consents;

/// <summary>
/// A withdrawn consent (持证主体授权的撤回), as its stream projects it. Only withdrawals are kept: a consent itself
/// lives in its signed credential, which the gateway verifies on every call, so the catalog never needs to know a
/// consent until it is withdrawn. Every gateway's snapshot holds the live ones and refuses their credentials.
/// </summary>
public sealed class ConsentRevocationDocument
{
    /// <summary>The stream id, <see cref="ConsentStreams.For"/> the consent id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The consent's id: its credential's <c>jti</c>.</summary>
    public string ConsentId { get; set; } = "";

    public DateTimeOffset RevokedAt { get; set; }

    /// <summary>The organization that withdrew it: the consent issuer's, or an admin body.</summary>
    public string RevokedBy { get; set; } = "";

    public string? Reason { get; set; }

    /// <summary>
    /// When the credential would have expired, if the revoker said: past it, the credential is refused as expired
    /// anyway, and the snapshot need not hold the revocation any more.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public long Version { get; set; }
}
