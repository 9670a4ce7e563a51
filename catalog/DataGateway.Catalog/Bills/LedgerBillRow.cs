namespace DataGateway.Catalog.Bills;

/// <summary>
/// The month's counted calls of one operator, dataset, action, unit price and revenue share, as the ledger has them:
/// the raw material of one statement line.
/// </summary>
public sealed record LedgerBillRow(
    string Operator,
    string Dataset,
    string Action,
    decimal UnitPrice,
    decimal RevenueShare,
    long Calls,
    decimal Amount,
    DateTimeOffset FirstCall,
    DateTimeOffset LastCall);
