using System.Globalization;

namespace DataGateway.Ledger.Archive;

/// <summary>A UTC month of the ledger, as its partitions cut it (<c>ledger_records_2026_10</c>) and as written <c>2026-10</c>.</summary>
public readonly record struct LedgerMonth(int Year, int Month) : IComparable<LedgerMonth>
{
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset End => Start.AddMonths(1);

    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The partition migration 005's <c>ledger_ensure_partition</c> names this month.</summary>
    public string PartitionName => string.Create(CultureInfo.InvariantCulture, $"ledger_records_{Year:D4}_{Month:D2}");

    /// <summary>The name a detached partition keeps with <c>--keep-table</c>: not a partition's name, so the month is never taken for one.</summary>
    public string DetachedName => string.Create(CultureInfo.InvariantCulture, $"ledger_detached_{Year:D4}_{Month:D2}");

    public static LedgerMonth Of(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new LedgerMonth(utc.Year, utc.Month);
    }

    public static LedgerMonth Of(DateOnly day) => new(day.Year, day.Month);

    public static bool TryParse(string? text, out LedgerMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        month = new LedgerMonth(parsed.Year, parsed.Month);
        return true;
    }

    /// <summary>The month of a partition's name, or null for another table (the default partition).</summary>
    public static LedgerMonth? FromPartitionName(string name) =>
        name.StartsWith("ledger_records_", StringComparison.Ordinal)
        && DateTime.TryParseExact(name["ledger_records_".Length..], "yyyy_MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? new LedgerMonth(parsed.Year, parsed.Month)
            : null;

    public int CompareTo(LedgerMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
