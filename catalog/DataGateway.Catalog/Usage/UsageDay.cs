namespace DataGateway.Catalog.Usage;

/// <summary>One day's calls (Shanghai) of one dataset; <see cref="Dataset"/> null for the datasets not stacked one by one.</summary>
public sealed record UsageDay(DateOnly Day, string? Dataset, long Calls);
