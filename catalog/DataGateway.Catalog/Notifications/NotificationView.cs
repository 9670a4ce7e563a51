namespace DataGateway.Catalog.Notifications;

/// <summary>One entry of an organization's feed: a dispute about a record it received was settled.</summary>
/// <param name="Id">The feed's cursor: ids grow in the order entries were made; pass the last one seen as <c>?after=</c>.</param>
/// <param name="Outcome"><c>corrected</c> or <c>rejected</c>.</param>
/// <param name="Reason">The department's reason, as it answered.</param>
public sealed record NotificationView(long Id, Guid DisputeId, string Dataset, string RecordKey, string Field, string Outcome, string? Reason, DateTimeOffset SettledAt);
