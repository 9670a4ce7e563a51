namespace DataGateway.Catalog.Usage;

/// <summary>A dataset's calls in the period and the rows its allowed calls returned.</summary>
public sealed record UsageDataset(string Dataset, string Title, long Calls, long Rows);
