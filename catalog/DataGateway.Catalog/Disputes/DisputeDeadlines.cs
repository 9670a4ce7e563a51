using DataGateway.Common;

namespace DataGateway.Catalog.Disputes;

/// <summary>
/// When a department's answer is due: the raising day plus the dataset's answer days, counted on Shanghai's calendar,
/// to the end of that day (a dispute raised at 23:50 on the 1st with 15 days is due by 23:59:59.999 on the 16th).
/// </summary>
public static class DisputeDeadlines
{
    public static DateTimeOffset For(DateTimeOffset raisedAt, int answerDays)
    {
        var local = ShanghaiTime.Of(raisedAt);
        var dayAfterLast = new DateTimeOffset(local.Date.AddDays(answerDays + 1), ShanghaiTime.Offset);
        return dayAfterLast.AddMilliseconds(-1);
    }

    /// <summary>Open (not yet answered) and past its deadline at <paramref name="now"/>.</summary>
    public static bool IsOverdue(string state, DateTimeOffset deadline, DateTimeOffset now) =>
        state == Store.Disputes.DisputeStates.Open && now > deadline;
}
