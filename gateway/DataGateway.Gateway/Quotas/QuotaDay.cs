namespace DataGateway.Gateway.Quotas;

/// <summary>
/// The quota day: the calendar day in Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so a
/// fixed offset is exact and needs no time-zone database on the host.
/// </summary>
internal static class QuotaDay
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Shanghai).DateTime);

    /// <summary>Whole seconds (rounded up) until the next midnight in Shanghai: when a used-up quota is renewed.</summary>
    public static long SecondsToMidnight(DateTimeOffset at)
    {
        var local = at.ToOffset(Shanghai);
        var midnight = new DateTimeOffset(local.Date.AddDays(1), Shanghai);
        return Math.Max(1, (long)Math.Ceiling((midnight - at).TotalSeconds));
    }
}
