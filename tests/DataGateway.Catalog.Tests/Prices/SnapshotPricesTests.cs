using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Catalog.Tests.Bills;
using DataGateway.Policy.Decisions;

namespace DataGateway.Catalog.Tests.Prices;

/// <summary>What a gateway loads of a price schedule: enough to price any call it can still receive, and no more.</summary>
public class SnapshotPricesTests(BillingCity city) : IClassFixture<BillingCity>
{
    [Fact]
    public async Task Load_LongSchedule_CarriesTheEntryInEffectADayAgoAndEverythingAfter()
    {
        await city.CreateDatasetAsync("loaded-prices", "加载定价", "dept-housing", 0.10m, 0.05m, 0.3m);
        var next = DateTimeOffset.UtcNow.AddDays(3);
        await city.SchedulePriceAsync("loaded-prices", next, 0.20m, 0.08m, 0.5m);
        // History older than the dataset's own first entry, as years of price changes would leave it in the projected
        // schedule (written into the document directly: the API schedules only the future).
        await using (var command = city.DataSource.CreateCommand(
            """
            update mt_doc_dataset set data = jsonb_set(data, '{prices}', jsonb_build_array(
                jsonb_build_object('effectiveFrom', now() - interval '30 days', 'queryPrice', 0.01, 'verifyPrice', 0.01, 'revenueShare', 0.1),
                jsonb_build_object('effectiveFrom', now() - interval '2 days', 'queryPrice', 0.02, 'verifyPrice', 0.02, 'revenueShare', 0.2))
                || (data->'prices'))
            where id = 'loaded-prices'
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        var prices = (await CatalogSnapshotLoader.LoadAsync(city.DataSource)).FindDataset("loaded-prices")!.Prices;

        Assert.Equal([0.02m, 0.10m, 0.20m], prices.Entries.Select(e => e.QueryPrice));
        Assert.Equal(0.02m, prices.At(DateTimeOffset.UtcNow.AddHours(-36)).For(DataAction.Query));
        Assert.Equal(0.10m, prices.At(DateTimeOffset.UtcNow).For(DataAction.Query));
        Assert.Equal(0.08m, prices.At(next).For(DataAction.Verify));
    }
}
