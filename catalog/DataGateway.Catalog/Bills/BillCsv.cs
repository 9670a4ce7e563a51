using System.Globalization;
using System.Text;
using DataGateway.Catalog.Transfer;

namespace DataGateway.Catalog.Bills;

/// <summary>
/// Statements as spreadsheets: UTF-8 with a byte order mark (so a spreadsheet reads the Chinese titles), Chinese column
/// titles, one rectangular table. Line rows carry a dataset code; the subtotal and total rows below them leave it empty
/// and say what they are in the 数据集 column, so a reader sums the lines or reads the totals, never both by mistake.
/// </summary>
public static class BillCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public const string Subtotal = "部门小计";
    public const string Total = "合计";

    private static readonly string[] StatementColumns =
    [
        "账单月份", "运营机构", "数据集编码", "数据集", "数据提供部门", "操作", "单价（元）", "调用次数", "金额（元）",
        "部门分成比例", "部门分成（元）", "平台分成（元）", "首次调用时间", "末次调用时间",
    ];

    private static readonly string[] SummaryColumns =
    [
        "账单月份", "运营机构编码", "运营机构", "调用次数", "金额（元）", "部门分成（元）", "平台分成（元）",
    ];

    public static byte[] Statement(Bill bill)
    {
        var csv = new StringBuilder();
        Row(csv, StatementColumns);
        foreach (var l in bill.Lines)
        {
            Row(csv, bill.Month, bill.OperatorName, l.Dataset, l.Title, l.OwnerName, ActionTitle(l.Action), Money(l.UnitPrice), Count(l.Calls),
                Money(l.Amount), l.RevenueShare.ToString("0.0000", CultureInfo.InvariantCulture), Money(l.DepartmentPart), Money(l.PlatformPart),
                Time(l.FirstCall), Time(l.LastCall));
        }

        foreach (var d in bill.Departments)
        {
            Row(csv, bill.Month, bill.OperatorName, "", Subtotal, d.OwnerName, "", "", Count(d.Calls), Money(d.Amount), "",
                Money(d.DepartmentPart), Money(d.PlatformPart), "", "");
        }

        Row(csv, bill.Month, bill.OperatorName, "", Total, "", "", "", Count(bill.Calls), Money(bill.Total), "",
            Money(bill.DepartmentPart), Money(bill.PlatformPart), "", "");
        return Encode(csv);
    }

    public static byte[] Summary(MonthlyBills bills)
    {
        var csv = new StringBuilder();
        Row(csv, SummaryColumns);
        foreach (var o in bills.Operators)
        {
            Row(csv, bills.Month, o.OperatorId, o.OperatorName, Count(o.Calls), Money(o.Total), Money(o.DepartmentPart), Money(o.PlatformPart));
        }

        Row(csv, bills.Month, "", Total, Count(bills.Calls), Money(bills.Total), Money(bills.DepartmentPart), Money(bills.PlatformPart));
        return Encode(csv);
    }

    /// <summary>The ledger's action names as a statement's reader says them.</summary>
    public static string ActionTitle(string action) => action switch
    {
        "query" => "查询",
        "verify" => "核验",
        _ => action,
    };

    private static void Row(StringBuilder csv, params string[] cells) =>
        csv.AppendJoin(',', cells.Select(CsvReader.Escape)).Append('\n');

    private static byte[] Encode(StringBuilder csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];

    private static string Money(decimal yuan) => yuan.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Count(long calls) => calls.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
