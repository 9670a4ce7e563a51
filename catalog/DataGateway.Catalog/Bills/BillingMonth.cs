using System.Globalization;
using System.Text.RegularExpressions;
using DataGateway.Common;

namespace DataGateway.Catalog.Bills;

/// <summary>
/// A calendar month in Shanghai, <c>yyyy-MM</c>: the calls whose start lies in <c>[Start, End)</c>. The last second of
/// the month in Shanghai is in it; 16:00 UTC on its last day is already the next month.
/// </summary>
public sealed partial record BillingMonth(int Year, int Month)
{
    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex Pattern();

    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, ShanghaiTime.Offset);

    public DateTimeOffset End => Start.AddMonths(1);

    /// <summary>Months from 2000-01 to 2999-12: nothing was billed before, and the bound keeps every end representable.</summary>
    public static bool TryParse(string? text, out BillingMonth month)
    {
        month = new BillingMonth(2000, 1);
        var match = text is null ? null : Pattern().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2999 || number is < 1 or > 12)
        {
            return false;
        }

        month = new BillingMonth(year, number);
        return true;
    }

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
