namespace DataGateway.Catalog.Applications;

/// <summary>A district's or operator's request for access to one dataset, for one scenario (应用场景).</summary>
/// <param name="Districts">Whose rows (cross-district access); empty for the requester's own district, or the whole city for operators.</param>
/// <param name="VerifyFields">Fields to match against without receiving them (可用不可见).</param>
/// <param name="LegalBasis">Required when a requested field is L4 or personal information.</param>
public sealed record ApplicationBody(
    string? DatasetCode,
    string? Scenario,
    string? ScenarioDescription,
    string? LegalBasis,
    string[]? Fields,
    string[]? Districts,
    string[]? VerifyFields,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    long? DailyQuota);

/// <summary>An admin's approval, optionally narrowed to the minimum necessary: every value must lie within the request.</summary>
public sealed record ApprovalBody(string[]? Fields, string[]? Districts, string[]? VerifyFields, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, long? DailyQuota);

/// <summary>A reason, required to reject and recorded when suspending or revoking.</summary>
public sealed record ReasonBody(string? Reason);
