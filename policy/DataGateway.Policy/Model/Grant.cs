namespace DataGateway.Policy.Model;

/// <summary>Where a grant stands. Only <see cref="Active"/> grants within their validity allow calls.</summary>
public enum GrantState
{
    Active,
    Suspended,
    Revoked,
    Expired,
}

/// <summary>An approved application: exactly what one organization may do with one dataset, for one scenario.</summary>
/// <param name="Districts">District codes whose rows may be returned; empty means rows of every district.</param>
/// <param name="VerifyFields">Fields the grantee may match against (可用不可见) without seeing them.</param>
/// <param name="DailyQuota">Calls per day (Asia/Shanghai); null for no quota.</param>
public sealed record Grant(
    string Id,
    string OrganizationId,
    string DatasetCode,
    string Scenario,
    IReadOnlySet<string> Fields,
    IReadOnlySet<string> Districts,
    IReadOnlySet<string> VerifyFields,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    long? DailyQuota,
    GrantState State)
{
    /// <summary>The state that holds at <paramref name="now"/>: an active grant past its validity counts as expired.</summary>
    public GrantState StateAt(DateTimeOffset now) =>
        State == GrantState.Active && (now < ValidFrom || now >= ValidUntil) ? GrantState.Expired : State;
}
