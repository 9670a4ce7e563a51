namespace DataGateway.Catalog.Store.Grants;

/// <summary>
/// A grant's workflow: active ⇄ suspended, either → revoked (final); past its validity a grant reads expired, a
/// state no event makes (grants expire on their own), and can then only be revoked.
/// </summary>
public static class GrantStates
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Revoked = "revoked";
    public const string Expired = "expired";

    /// <summary>The state a reader sees at <paramref name="now"/>: the stored one, or expired once the validity has passed.</summary>
    public static string Read(GrantDocument grant, DateTimeOffset now) =>
        grant.State != Revoked && grant.ValidUntil <= now ? Expired : grant.State;

    /// <summary>
    /// The state <paramref name="action"/> (suspend, resume, revoke) takes a grant that reads <paramref name="state"/>
    /// to; null when the workflow does not allow it (409 <c>illegal_transition</c>).
    /// </summary>
    public static string? After(string state, string action) => (action, state) switch
    {
        ("suspend", Active) => Suspended,
        ("resume", Suspended) => Active,
        ("revoke", Active or Suspended or Expired) => Revoked,
        _ => null,
    };
}
