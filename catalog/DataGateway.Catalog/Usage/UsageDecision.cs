namespace DataGateway.Catalog.Usage;

/// <summary>Calls by decision: allowed or denied, and the reason code the decision gave (e.g. <c>quota_exceeded</c>).</summary>
public sealed record UsageDecision(bool Allowed, string Reason, long Calls);
