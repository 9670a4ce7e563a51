namespace DataGateway.Catalog.Bills;

/// <summary>
/// One operator's monthly statement. <see cref="Total"/> is the sum of the lines' amounts, which is the ledger's sum of
/// the month's counted calls; <see cref="DepartmentPart"/> + <see cref="PlatformPart"/> = <see cref="Total"/> exactly.
/// </summary>
/// <param name="From">The month's first instant in Shanghai (inclusive).</param>
/// <param name="To">The next month's first instant in Shanghai (exclusive).</param>
/// <param name="Departments">Each owning department's subtotal; their parts add up to <see cref="DepartmentPart"/>.</param>
public sealed record Bill(
    string OperatorId,
    string OperatorName,
    string Month,
    DateTimeOffset From,
    DateTimeOffset To,
    string Currency,
    BillLine[] Lines,
    long Calls,
    decimal Total,
    decimal DepartmentPart,
    decimal PlatformPart,
    DepartmentSubtotal[] Departments);
