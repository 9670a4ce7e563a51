namespace DataGateway.Catalog.Disputes;

/// <summary>The inbox's filters, validated: a dataset, a state, only the overdue ones, and the order.</summary>
public sealed record DisputeListQuery(string? Dataset, string? State, bool OverdueOnly, bool NewestFirst);
