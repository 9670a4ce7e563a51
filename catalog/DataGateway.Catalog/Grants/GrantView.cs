namespace DataGateway.Catalog.Grants;

/// <summary>A grant as the catalog returns it. <see cref="State"/> reads <c>expired</c> once the validity has passed.</summary>
public sealed record GrantView(
    Guid Id,
    Guid? ApplicationId,
    string OrganizationId,
    string DatasetCode,
    string Scenario,
    string[] Fields,
    string[] Districts,
    string[] VerifyFields,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    long? DailyQuota,
    string State,
    long RowVersion,
    DateTimeOffset UpdatedAt);
