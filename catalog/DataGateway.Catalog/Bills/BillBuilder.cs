using DataGateway.Common;

namespace DataGateway.Catalog.Bills;

/// <summary>Turns the ledger's grouped calls into statements. No database and no clock: the arithmetic alone.</summary>
public static class BillBuilder
{
    /// <summary>Renminbi, in yuan to the fen.</summary>
    public const string Currency = "CNY";

    public static Bill Build(
        string operatorId, string operatorName, BillingMonth month, IEnumerable<LedgerBillRow> rows, IReadOnlyDictionary<string, BilledDataset> datasets)
    {
        var lines = rows
            .Select(r =>
            {
                var dataset = datasets.GetValueOrDefault(r.Dataset) ?? new BilledDataset(r.Dataset, r.Dataset, "", "");
                var (department, platform) = RevenueSplit.Of(r.Amount, r.RevenueShare);
                return new BillLine(
                    r.Dataset, dataset.Title, dataset.OwnerId, dataset.OwnerName, r.Action, r.UnitPrice, r.Calls, r.Amount,
                    r.RevenueShare, department, platform, ShanghaiTime.Of(r.FirstCall), ShanghaiTime.Of(r.LastCall));
            })
            // Within a dataset and action, in the order the prices applied.
            .OrderBy(l => l.Dataset, StringComparer.Ordinal)
            .ThenBy(l => l.Action, StringComparer.Ordinal)
            .ThenBy(l => l.FirstCall)
            .ToArray();
        var departments = Departments(lines);
        return new Bill(
            operatorId, operatorName, month.ToString(), month.Start, month.End, Currency, lines,
            lines.Sum(l => l.Calls), lines.Sum(l => l.Amount), departments.Sum(d => d.DepartmentPart), departments.Sum(d => d.PlatformPart), departments);
    }

    /// <summary>The month's statements in totals, and each department's earnings across all of them.</summary>
    public static MonthlyBills Summarize(BillingMonth month, IReadOnlyList<Bill> bills)
    {
        var operators = bills
            .Select(b => new OperatorTotal(b.OperatorId, b.OperatorName, b.Calls, b.Total, b.DepartmentPart, b.PlatformPart))
            .OrderBy(o => o.OperatorId, StringComparer.Ordinal)
            .ToArray();
        var departments = Departments(bills.SelectMany(b => b.Lines));
        return new MonthlyBills(
            month.ToString(), month.Start, month.End, Currency, operators,
            operators.Sum(o => o.Calls), operators.Sum(o => o.Total), operators.Sum(o => o.DepartmentPart), operators.Sum(o => o.PlatformPart), departments);
    }

    /// <summary>Sums of lines already split: rounding happens per line only, so subtotals add up to the lines exactly.</summary>
    private static DepartmentSubtotal[] Departments(IEnumerable<BillLine> lines) =>
        lines
            .GroupBy(l => l.OwnerId, StringComparer.Ordinal)
            .Select(g => new DepartmentSubtotal(
                g.Key, g.First().OwnerName, g.Sum(l => l.Calls), g.Sum(l => l.Amount), g.Sum(l => l.DepartmentPart), g.Sum(l => l.PlatformPart)))
            .OrderBy(d => d.OwnerId, StringComparer.Ordinal)
            .ToArray();
}
