namespace DataGateway.Catalog.Bills;

/// <summary>
/// One line of a statement: the calls of one dataset and action at one unit price and one revenue share. A price or
/// share changed within the month gives two lines, each with its calls, so every line reads as calls × price.
/// </summary>
/// <param name="Action"><c>query</c> or <c>verify</c>, as in the ledger.</param>
/// <param name="OwnerId">The department that owns the dataset (数据提供部门) and receives its share.</param>
/// <param name="Amount">The sum of the calls' amounts as the ledger recorded them, in yuan.</param>
/// <param name="RevenueShare">The owning department's share in effect when these calls were made.</param>
/// <param name="DepartmentPart">Amount × share, rounded to the fen (see <see cref="RevenueSplit"/>).</param>
/// <param name="PlatformPart">The rest of the amount.</param>
/// <param name="FirstCall">When the first of these calls started (Shanghai time).</param>
/// <param name="LastCall">When the last of these calls started (Shanghai time).</param>
public sealed record BillLine(
    string Dataset,
    string Title,
    string OwnerId,
    string OwnerName,
    string Action,
    decimal UnitPrice,
    long Calls,
    decimal Amount,
    decimal RevenueShare,
    decimal DepartmentPart,
    decimal PlatformPart,
    DateTimeOffset FirstCall,
    DateTimeOffset LastCall);
