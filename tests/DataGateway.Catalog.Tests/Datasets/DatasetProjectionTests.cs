using DataGateway.Catalog.Store.Datasets;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// The fold of a dataset's stream (issue 13, point 1): what each event makes of its fields, search text and price
/// schedule. The rules the hand-written price trigger kept now live here, so they are checked here.
/// </summary>
public class DatasetProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Registered_BuildsFieldsSearchTextAndAFirstPrice()
    {
        var d = DatasetProjection.Next(null, "ds-a", new DatasetRegistered("ds-a", Content("黄浦法人 Registry", 0.10m), "admin", T0), 1)!;

        Assert.Equal((1L, 2), (d.Version, d.Fields.Length));
        Assert.Contains("法人", d.SearchText, StringComparison.Ordinal);
        Assert.Contains("registry", d.SearchText, StringComparison.Ordinal);
        Assert.Contains("统一社会信用代码", d.SearchText, StringComparison.Ordinal);
        Assert.Equal([new DatasetPriceEntry(T0, 0.10m, 0.05m, 0.3m)], d.Prices);
    }

    [Fact]
    public void Changed_SamePrices_AddsNoScheduleEntry()
    {
        var d = Fold(new DatasetRegistered("ds-a", Content("甲", 0.10m), "admin", T0), new DatasetChanged(Content("乙", 0.10m), "admin", T0.AddDays(1)));

        Assert.Single(d.Prices);
        Assert.Equal(("乙", 2L), (d.Title, d.Version));
    }

    [Fact]
    public void Changed_NewPrices_AddsAnEntryFromThen_KeepingTheOldForPastCalls()
    {
        var d = Fold(new DatasetRegistered("ds-a", Content("甲", 0.10m), "admin", T0), new DatasetChanged(Content("甲", 0.20m), "admin", T0.AddDays(1)));

        Assert.Equal([0.10m, 0.20m], d.Prices.Select(p => p.QueryPrice));
        Assert.Equal(0.10m, DatasetPrices.At(d.Prices, T0.AddHours(1))!.QueryPrice);
    }

    [Fact]
    public void PriceScheduled_SameInstantTwice_IsACorrection()
    {
        var at = T0.AddDays(30);
        var d = Fold(
            new DatasetRegistered("ds-a", Content("甲", 0.10m), "admin", T0),
            new PriceScheduled(new DatasetPriceEntry(at, 0.13m, 0m, 0m), "admin", T0),
            new PriceScheduled(new DatasetPriceEntry(at, 0.12m, 0m, 0m), "admin", T0));

        Assert.Equal([0.10m, 0.12m], d.Prices.Select(p => p.QueryPrice));
    }

    [Fact]
    public void Deleted_KeepsEntriesThatPricedCalls_DropsChangesNotYetInEffect()
    {
        var d = Fold(
            new DatasetRegistered("ds-a", Content("甲", 0.10m), "admin", T0),
            new PriceScheduled(new DatasetPriceEntry(T0.AddDays(30), 0.50m, 0m, 0m), "admin", T0),
            new DatasetDeleted("admin", T0.AddDays(1)));

        Assert.Equal(T0.AddDays(1), d.DeletedAt);
        Assert.Equal([0.10m], d.Prices.Select(p => p.QueryPrice));
    }

    [Fact]
    public void EventsOnADeletedDataset_ChangeNothing_ButARegistrationBringsItBack()
    {
        var deleted = Fold(new DatasetRegistered("ds-a", Content("甲", 0.10m), "admin", T0), new DatasetDeleted("admin", T0.AddDays(1)));

        Assert.Same(deleted, DatasetProjection.Next(deleted, "ds-a", new DatasetChanged(Content("乙", 0.10m), "admin", T0.AddDays(2)), 3));
        Assert.Same(deleted, DatasetProjection.Next(deleted, "ds-a", new PriceScheduled(new DatasetPriceEntry(T0.AddDays(9), 1m, 1m, 1m), "admin", T0), 3));
        var back = DatasetProjection.Next(deleted, "ds-a", new DatasetRegistered("ds-a", Content("丙", 0.30m), "admin", T0.AddDays(2)), 3)!;
        Assert.Equal(((DateTimeOffset?)null, "丙", 3L), (back.DeletedAt, back.Title, back.Version));
        Assert.Equal([0.10m, 0.30m], back.Prices.Select(p => p.QueryPrice));
    }

    [Fact]
    public void Registered_WhileLive_ChangesNothing()
    {
        var live = Fold(new DatasetRegistered("ds-a", Content("甲", 0.10m), "admin", T0));

        Assert.Same(live, DatasetProjection.Next(live, "ds-a", new DatasetRegistered("ds-a", Content("乙", 0.10m), "admin", T0), 2));
    }

    [Fact]
    public void PricesAt_BeforeTheFirstEntry_IsTheFirst()
    {
        DatasetPriceEntry[] schedule = [new(T0, 0.10m, 0m, 0m), new(T0.AddDays(1), 0.20m, 0m, 0m)];

        Assert.Equal(0.10m, DatasetPrices.At(schedule, T0.AddYears(-1))!.QueryPrice);
        Assert.Equal(0.20m, DatasetPrices.At(schedule, T0.AddDays(2))!.QueryPrice);
        Assert.Null(DatasetPrices.At([], T0));
    }

    private static DatasetDocument Fold(params object[] events)
    {
        DatasetDocument? d = null;
        for (var i = 0; i < events.Length; i++)
        {
            d = DatasetProjection.Next(d, "ds-a", events[i], i + 1);
        }

        return d!;
    }

    private static DatasetContent Content(string title, decimal queryPrice) => new(
        title, "描述", "dept-housing", "svc-housing", "/a", "finance", "conditional", false, null, "", null,
        queryPrice, 0.05m, 0.3m, "city", 1000,
        [new DatasetFieldEntry("credit_code", "统一社会信用代码", "string", 1, false, "none"), new DatasetFieldEntry("name", "名称", "string", 2, false, "none")]);
}
