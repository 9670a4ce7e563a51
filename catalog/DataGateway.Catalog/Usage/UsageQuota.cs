namespace DataGateway.Catalog.Usage;

/// <summary>One live grant's daily quota (null: none) and the calls admitted under it today (Shanghai).</summary>
/// <param name="Left">What is left of the quota today; null when the grant has no quota.</param>
public sealed record UsageQuota(string GrantId, string Dataset, string State, long? DailyQuota, long UsedToday, long? Left);
