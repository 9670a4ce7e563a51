namespace DataGateway.Catalog.Usage;

/// <summary>One caller's calls in the period: all, the allowed ones, and the rows they returned.</summary>
public sealed record UsageCaller(string Caller, string Name, string Kind, long Calls, long Allowed, long Rows);
