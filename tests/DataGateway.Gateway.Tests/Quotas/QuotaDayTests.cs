using DataGateway.Gateway.Quotas;

namespace DataGateway.Gateway.Tests.Quotas;

/// <summary>The quota day is the calendar day in Asia/Shanghai (UTC+8), and Retry-After counts to its end.</summary>
public class QuotaDayTests
{
    [Theory]
    [InlineData("2026-11-30T15:59:59Z", "2026-11-30", 1)]          // 23:59:59 in Shanghai
    [InlineData("2026-11-30T16:00:00Z", "2026-12-01", 86_400)]     // midnight in Shanghai: a whole new day
    [InlineData("2026-11-30T00:00:00Z", "2026-11-30", 57_600)]     // 08:00 in Shanghai
    [InlineData("2026-12-31T16:00:00.5Z", "2027-01-01", 86_400)]   // just past the new year: rounded up
    public void Day_AndSecondsToMidnight_FollowShanghaiTime(string utc, string day, long seconds)
    {
        var at = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), QuotaDay.Of(at));
        Assert.Equal(seconds, QuotaDay.SecondsToMidnight(at));
    }
}
