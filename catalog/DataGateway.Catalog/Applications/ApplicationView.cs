namespace DataGateway.Catalog.Applications;

/// <summary>An application as the catalog returns it.</summary>
public sealed record ApplicationView(
    Guid Id,
    string RequesterId,
    string DatasetCode,
    string Scenario,
    string ScenarioDescription,
    string? LegalBasis,
    string[] Fields,
    string[] Districts,
    string[] VerifyFields,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    long? DailyQuota,
    string State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? RejectReason,
    Guid? GrantId,
    long RowVersion,
    DateTimeOffset CreatedAt);
