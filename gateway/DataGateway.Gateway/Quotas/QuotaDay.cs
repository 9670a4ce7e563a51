using DataGateway.Common;

namespace DataGateway.Gateway.Quotas;

/// <summary>The quota day: the calendar day in Asia/Shanghai (<see cref="ShanghaiTime"/>).</summary>
internal static class QuotaDay
{
    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(ShanghaiTime.Of(at).DateTime);

    /// <summary>Whole seconds (rounded up) until the next midnight in Shanghai: when a used-up quota is renewed.</summary>
    public static long SecondsToMidnight(DateTimeOffset at)
    {
        var local = ShanghaiTime.Of(at);
        var midnight = new DateTimeOffset(local.Date.AddDays(1), ShanghaiTime.Offset);
        return Math.Max(1, (long)Math.Ceiling((midnight - at).TotalSeconds));
    }
}
