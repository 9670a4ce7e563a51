namespace DataGateway.Catalog.Bills;

/// <summary>A dataset as a statement names it: its title and the department that owns it.</summary>
public sealed record BilledDataset(string Code, string Title, string OwnerId, string OwnerName);
