using System.Net;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// Issue 17, point 2: the console pages the catalog at the city's size (17,320 datasets) one server page at a time.
/// Every page answers the total, a page deep in the list holds exactly the datasets of that place in code order, and
/// the filters the console offers (owner, level, sharing, together) count and page the same at that size.
/// </summary>
public sealed class DatasetCityScaleListTests(CityScaleCatalog catalog) : IClassFixture<CityScaleCatalog>
{
    private static readonly IReadOnlyList<int> All = Enumerable.Range(0, CityScaleCatalog.Count).ToList();

    [Theory]
    [InlineData(1, 20)]
    [InlineData(433, 20)]    // somewhere in the middle
    [InlineData(866, 20)]    // the last page: 17,320 / 20
    [InlineData(87, 200)]    // the last page at the largest size: 86 full pages and 120 more
    [InlineData(88, 200)]    // past the end: empty, still with the total
    public async Task List_AtCityScale_AnswersThePageInCodeOrderWithTheTotal(int page, int size)
    {
        using var district = catalog.Client(catalog.Tokens.District("310104"));

        var answer = await (await district.GetAsync($"/v1/datasets?page={page}&size={size}")).JsonAsync();

        Assert.Equal((long)CityScaleCatalog.Count, answer.GetProperty("total").GetInt64());
        Assert.Equal(Expected(All, page, size), Codes(answer));
    }

    [Theory]
    [InlineData("owner=dept-health", "dept-health", null, null)]
    [InlineData("level=L4", null, 4, null)]
    [InlineData("level=L1", null, 1, null)]
    [InlineData("owner=dept-housing&level=L3", "dept-housing", 3, null)]
    [InlineData("owner=dept-health&level=L3&sharing=conditional", "dept-health", 3, "conditional")]
    public async Task List_AtCityScale_FiltersCountAndPageExactly(string query, string? owner, int? level, string? sharing)
    {
        var matching = All.Where(i => (owner is null || CityScaleCatalog.Owner(i) == owner)
            && (level is null || CityScaleCatalog.Level(i) == level)
            && (sharing is null || CityScaleCatalog.Sharing(i) == sharing)).ToList();
        using var admin = catalog.Admin();

        var lastPage = (matching.Count + 49) / 50;
        Assert.True(lastPage > 1, "Each filter must leave more than one page to page over.");
        var first = await (await admin.GetAsync($"/v1/datasets?{query}&page=1&size=50")).JsonAsync();
        var last = await (await admin.GetAsync($"/v1/datasets?{query}&page={lastPage}&size=50")).JsonAsync();

        Assert.Equal(matching.Count, first.GetProperty("total").GetInt64());
        Assert.Equal(matching.Count, last.GetProperty("total").GetInt64());
        Assert.Equal(Expected(matching, 1, 50), Codes(first));
        Assert.Equal(Expected(matching, lastPage, 50), Codes(last));
    }

    [Theory]
    [InlineData("level=L5")]
    [InlineData("level=l4")]
    [InlineData("level=4")]
    public async Task List_BadLevel_Answers400NamingIt(string query)
    {
        using var admin = catalog.Admin();

        var problem = await (await admin.GetAsync("/v1/datasets?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("level", out _), problem.ToString());
    }

    private static List<string> Expected(IEnumerable<int> matching, int page, int size) =>
        matching.Select(CityScaleCatalog.Code).Order(StringComparer.Ordinal).Skip((page - 1) * size).Take(size).ToList();

    private static List<string> Codes(JsonElement answer) =>
        answer.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).ToList();
}
