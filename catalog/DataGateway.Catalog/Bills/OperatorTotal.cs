namespace DataGateway.Catalog.Bills;

/// <summary>One operator's totals in the month's summary: the totals of its statement.</summary>
public sealed record OperatorTotal(string OperatorId, string OperatorName, long Calls, decimal Total, decimal DepartmentPart, decimal PlatformPart);
