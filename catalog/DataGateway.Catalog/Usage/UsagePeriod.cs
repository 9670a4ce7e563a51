using System.Globalization;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Common;

namespace DataGateway.Catalog.Usage;

/// <summary>
/// The days a usage report covers: <c>from</c> to <c>to</c>, both inclusive, as Shanghai's calendar has them, at most
/// <see cref="MaxDays"/> days; by default the last <see cref="DefaultDays"/> days up to today.
/// </summary>
/// <remarks>
/// Bounded because the report aggregates the ledger on each request: a quarter is what the console's charts show and
/// what one query over the (caller_org, started_at) and (dataset, started_at) indexes answers quickly; a longer span
/// is the monthly bills' or the CSV export's job.
/// </remarks>
public sealed record UsagePeriod(DateOnly From, DateOnly To)
{
    public const int MaxDays = 92;
    public const int DefaultDays = 30;

    /// <summary>The first instant of <see cref="From"/> in Shanghai.</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), ShanghaiTime.Offset);

    /// <summary>The first instant after <see cref="To"/> in Shanghai (exclusive).</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), ShanghaiTime.Offset);

    /// <summary>The period asked for, or null with the reasons in <paramref name="validation"/> under each parameter's name.</summary>
    public static UsagePeriod? Read(string? from, string? to, DateTimeOffset now, Validation validation)
    {
        var fromDay = Day("from", from, validation);
        var toDay = Day("to", to, validation);
        if (!validation.IsValid)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(ShanghaiTime.Of(now).DateTime);
        var last = toDay ?? (fromDay is { } f && f.AddDays(DefaultDays - 1) < today ? f.AddDays(DefaultDays - 1) : today);
        var first = fromDay ?? last.AddDays(-(DefaultDays - 1));
        if (last < first)
        {
            validation.Add(toDay is null ? "from" : "to", CatalogMessages.Get("validation.to_not_before_from"));
        }
        else if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            validation.Add(toDay is null ? "from" : "to", CatalogMessages.Get("validation.usage_period", MaxDays));
        }

        return validation.IsValid ? new UsagePeriod(first, last) : null;
    }

    private static DateOnly? Day(string name, string? text, Validation validation)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // Years 2000 to 2999 as for bills: every instant of the period stays representable.
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2999)
        {
            return day;
        }

        validation.Add(name, CatalogMessages.Get("validation.date"));
        return null;
    }
}
