using System.Globalization;

namespace DataGateway.Demo.Data;

/// <summary>
/// The demo city's fixed "now" and its date formats. Generated data never reads the real clock: the same seed
/// must give the same bytes tomorrow.
/// </summary>
internal static class DemoClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>2022-10-27 17:30 Shanghai time: a year after the seed date's 2021-10-27.</summary>
    public static readonly DateTimeOffset Now = new(2022, 10, 27, 17, 30, 0, Offset);

    public static DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>ISO date, <c>yyyy-MM-dd</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 timestamp with the Shanghai offset, <c>yyyy-MM-ddTHH:mm:ss+08:00</c>.</summary>
    public static string Timestamp(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
