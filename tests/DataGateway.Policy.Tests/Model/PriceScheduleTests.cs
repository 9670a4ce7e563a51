using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Policy.Tests.Model;

public class PriceScheduleTests
{
    private static readonly DateTimeOffset December = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly PriceSchedule Schedule = new(
    [
        new DatasetPrice(December.AddMonths(1), 0.20m, 0.08m, 0.5m),
        new DatasetPrice(DateTimeOffset.UnixEpoch, 0.10m, 0.05m, 0.3m),
        new DatasetPrice(December, 0.12m, 0.06m, 0.4m),
    ]);

    [Fact]
    public void Entries_GivenInAnyOrder_AreOldestFirst()
    {
        Assert.Equal([DateTimeOffset.UnixEpoch, December, December.AddMonths(1)], Schedule.Entries.Select(e => e.EffectiveFrom));
    }

    [Theory]
    [InlineData(-1, 0.10)]
    [InlineData(0, 0.12)]
    [InlineData(1, 0.12)]
    public void At_AroundAnEffectiveTime_TheNewEntryAppliesFromItsTimeOn(long ticksFromDecember, double expected)
    {
        Assert.Equal((decimal)expected, Schedule.At(December.AddTicks(ticksFromDecember)).For(DataAction.Query));
    }

    [Fact]
    public void At_LastEntry_AppliesForever()
    {
        Assert.Equal(0.08m, Schedule.At(DateTimeOffset.MaxValue).For(DataAction.Verify));
    }

    [Fact]
    public void At_BeforeTheFirstEntry_IsTheFirst()
    {
        var created = new PriceSchedule([new DatasetPrice(December, 0.12m, 0.06m, 0.4m)]);

        Assert.Equal(0.12m, created.At(December.AddSeconds(-1)).QueryPrice);
    }

    [Fact]
    public void New_TwoEntriesAtOneInstant_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new PriceSchedule(
        [
            new DatasetPrice(December, 0.12m, 0.06m, 0.4m),
            new DatasetPrice(December.ToOffset(TimeSpan.Zero), 0.13m, 0.06m, 0.4m),
        ]));
    }

    [Fact]
    public void New_NoEntries_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new PriceSchedule([]));
    }
}
