namespace DataGateway.Catalog.Bills;

/// <summary>Every operator's statement for a month, in totals, and what each department earned across all of them.</summary>
public sealed record MonthlyBills(
    string Month,
    DateTimeOffset From,
    DateTimeOffset To,
    string Currency,
    OperatorTotal[] Operators,
    long Calls,
    decimal Total,
    decimal DepartmentPart,
    decimal PlatformPart,
    DepartmentSubtotal[] Departments);
