namespace DataGateway.Catalog.Bills;

/// <summary>What one owning department's datasets earned: their calls and amount, the department's part and the platform's.</summary>
public sealed record DepartmentSubtotal(string OwnerId, string OwnerName, long Calls, decimal Amount, decimal DepartmentPart, decimal PlatformPart);
