using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Prices;

/// <summary>Issue 6, point 2: a price schedule per dataset; changes are scheduled ahead and never rewrite the past.</summary>
public class DatasetPricesApiTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    /// <summary>Midnight in Shanghai on the first of a month well ahead of any clock this runs on.</summary>
    private static readonly string NextYear = $"{DateTime.UtcNow.Year + 1}-03-01T00:00:00+08:00";

    [Fact]
    public async Task Schedule_FutureChange_IsListedAfterTheEntryInEffectAndIsACatalogEvent()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("priced-future", "定价数据", "finance", "conditional", open: true));
        var before = await CatalogVersionAsync();

        var created = await (await admin.PostAsJsonAsync("/v1/datasets/priced-future/prices", Change(0.12m, 0.06m, 0.4m, NextYear))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(DateTimeOffset.Parse(NextYear, CultureInfo.InvariantCulture), created.GetProperty("effectiveFrom").GetDateTimeOffset());
        Assert.EndsWith("+08:00", created.GetProperty("effectiveFrom").GetString(), StringComparison.Ordinal);
        var prices = (await (await admin.GetAsync("/v1/datasets/priced-future/prices")).JsonAsync()).GetProperty("prices").EnumerateArray().ToList();
        Assert.Equal([(0.10m, 0.05m, 0.3m, true), (0.12m, 0.06m, 0.4m, false)], prices.Select(Entry));
        Assert.True(await CatalogVersionAsync() > before, "Gateways reload on a catalog event, so the change reaches them before it applies.");
        var history = await (await admin.GetAsync("/v1/datasets/priced-future/history")).JsonAsync();
        var scheduled = history.EnumerateArray().Last();
        Assert.Equal("price_scheduled", scheduled.GetProperty("action").GetString());
        Assert.Equal(0.12m, scheduled.GetProperty("change").GetProperty("entry").GetProperty("queryPrice").GetDecimal());
        // The published catalog shows the prices in effect now, not the ones to come.
        var dataset = await (await admin.GetAsync("/v1/datasets/priced-future")).JsonAsync();
        Assert.Equal(0.10m, dataset.GetProperty("queryPrice").GetDecimal());
    }

    [Fact]
    public async Task Schedule_SameInstantAgain_CorrectsTheScheduledEntry()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("priced-corrected", "更正定价", "finance", "conditional", open: true));
        (await admin.PostAsJsonAsync("/v1/datasets/priced-corrected/prices", Change(0.13m, 0.06m, 0.4m, NextYear))).EnsureSuccessStatusCode();

        (await admin.PostAsJsonAsync("/v1/datasets/priced-corrected/prices", Change(0.12m, 0.06m, 0.4m, NextYear))).EnsureSuccessStatusCode();

        var prices = (await (await admin.GetAsync("/v1/datasets/priced-corrected/prices")).JsonAsync()).GetProperty("prices").EnumerateArray().ToList();
        Assert.Equal([0.10m, 0.12m], prices.Select(p => p.GetProperty("queryPrice").GetDecimal()));
        var history = (await (await admin.GetAsync("/v1/datasets/priced-corrected/history")).JsonAsync()).EnumerateArray().Last();
        Assert.Equal([0.10m, 0.13m], history.GetProperty("before").GetProperty("prices").EnumerateArray().Select(p => p.GetProperty("queryPrice").GetDecimal()));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    public async Task Schedule_InThePastOrWithoutNotice_IsRefusedAndChangesNothing(int secondsFromNow)
    {
        using var admin = catalog.Admin();
        var code = $"priced-early{(secondsFromNow < 0 ? "-past" : "-soon")}";
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset(code, "提前定价", "finance", "conditional", open: true));
        var before = await CatalogVersionAsync();
        var at = DateTimeOffset.UtcNow.AddSeconds(secondsFromNow).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        var response = await admin.PostAsJsonAsync($"/v1/datasets/{code}/prices", Change(0.01m, 0.01m, 0.1m, at));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "price_effective_too_early");
        var prices = (await (await admin.GetAsync($"/v1/datasets/{code}/prices")).JsonAsync()).GetProperty("prices").EnumerateArray();
        Assert.Equal([(0.10m, 0.05m, 0.3m, true)], prices.Select(Entry));
        Assert.Equal(before, await CatalogVersionAsync());
    }

    [Fact]
    public async Task Schedule_BadPricesShareOrTime_ListsEachFieldAndChangesNothing()
    {
        using var admin = catalog.Admin();
        var before = await CatalogVersionAsync();

        var response = await admin.PostAsJsonAsync("/v1/datasets/housing/prices", new { queryPrice = 0.123m, verifyPrice = -0.05m, revenueShare = 1.5m, effectiveFrom = "2099-01-01T00:00:00" });
        var missing = await admin.PostAsJsonAsync("/v1/datasets/housing/prices", new { queryPrice = 0.12m, revenueShare = 0.12345m, effectiveFrom = NextYear });

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        Assert.Equal(["effectiveFrom", "queryPrice", "revenueShare", "verifyPrice"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var missingErrors = (await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        Assert.Equal(["revenueShare", "verifyPrice"], missingErrors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await CatalogVersionAsync());
        Assert.Single((await (await admin.GetAsync("/v1/datasets/housing/prices")).JsonAsync()).GetProperty("prices").EnumerateArray());
    }

    [Fact]
    public async Task Schedule_ByNonAdmin_IsForbiddenButTheScheduleIsPublished()
    {
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        await (await bank.PostAsJsonAsync("/v1/datasets/housing/prices", Change(0.01m, 0.01m, 0.1m, NextYear))).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");

        var published = await (await bank.GetAsync("/v1/datasets/housing/prices")).JsonAsync();
        Assert.Equal("housing", published.GetProperty("dataset").GetString());
    }

    [Fact]
    public async Task Schedule_UnknownDataset_Is404()
    {
        using var admin = catalog.Admin();

        await (await admin.PostAsJsonAsync("/v1/datasets/no-such-data/prices", Change(0.12m, 0.06m, 0.4m, NextYear))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.GetAsync("/v1/datasets/no-such-data/prices")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task UpdateDataset_NewPrices_TakeEffectAtOnceAndTheScheduledChangeStillFollows()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("priced-now", "即时定价", "finance", "conditional", open: true));
        (await admin.PostAsJsonAsync("/v1/datasets/priced-now/prices", Change(0.12m, 0.06m, 0.4m, NextYear))).EnsureSuccessStatusCode();
        var body = JsonSerializer.SerializeToNode(SeededCatalog.Dataset("priced-now", "即时定价", "finance", "conditional", open: true))!.AsObject();
        body["queryPrice"] = 0.20m;

        (await admin.PutAsJsonAsync("/v1/datasets/priced-now", body)).EnsureSuccessStatusCode();
        // Writing the same prices again is no change and adds no entry.
        (await admin.PutAsJsonAsync("/v1/datasets/priced-now", body)).EnsureSuccessStatusCode();

        var prices = (await (await admin.GetAsync("/v1/datasets/priced-now/prices")).JsonAsync()).GetProperty("prices").EnumerateArray();
        Assert.Equal([(0.10m, 0.05m, 0.3m, false), (0.20m, 0.05m, 0.3m, true), (0.12m, 0.06m, 0.4m, false)], prices.Select(Entry));
        Assert.Equal(0.20m, (await (await admin.GetAsync("/v1/datasets/priced-now")).JsonAsync()).GetProperty("queryPrice").GetDecimal());
    }

    private static object Change(decimal query, decimal verify, decimal share, string effectiveFrom) =>
        new { queryPrice = query, verifyPrice = verify, revenueShare = share, effectiveFrom };

    private static (decimal, decimal, decimal, bool) Entry(JsonElement p) =>
        (p.GetProperty("queryPrice").GetDecimal(), p.GetProperty("verifyPrice").GetDecimal(), p.GetProperty("revenueShare").GetDecimal(), p.GetProperty("inEffect").GetBoolean());

    private async Task<long> CatalogVersionAsync()
    {
        using var client = catalog.Client(null);
        return (await (await client.GetAsync("/readyz")).JsonAsync()).GetProperty("catalogVersion").GetInt64();
    }
}
