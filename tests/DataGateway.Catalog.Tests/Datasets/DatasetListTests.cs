using System.Net;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// Issue 12, point 1: the published catalog's list over HTTP — its owner, domain and sharing filters, its pages (every
/// dataset once, the total on each page) and its bad parameters. The datasets here belong to a department of their own.
/// </summary>
public class DatasetListTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static readonly HashSet<SeededCatalog> SeededCatalogs = [];

    [Theory]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(25)]
    public async Task List_PagedBySize_GivesEveryDatasetOnceInCodeOrderWithTheTotal(int size)
    {
        await SeedAsync();
        using var district = catalog.Client(catalog.Tokens.District("310104"));

        var codes = new List<string>();
        for (var page = 1; page <= 5; page++)
        {
            var answer = await (await district.GetAsync($"/v1/datasets?owner=dept-listed&size={size}&page={page}")).JsonAsync();
            Assert.Equal((25L, page, size), (answer.GetProperty("total").GetInt64(), answer.GetProperty("page").GetInt32(), answer.GetProperty("size").GetInt32()));
            var items = answer.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(Math.Clamp(25 - (page - 1) * size, 0, size), items.Count);
            Assert.All(items, d => Assert.Equal(JsonValueKind.Null, d.GetProperty("service").ValueKind));
            codes.AddRange(items.Select(d => d.GetProperty("code").GetString()!));
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(Code).Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public async Task List_WithoutPaging_AnswersTheFirstTwenty()
    {
        await SeedAsync();
        using var admin = catalog.Admin();

        var answer = await (await admin.GetAsync("/v1/datasets?owner=dept-listed")).JsonAsync();

        Assert.Equal((25L, 1, 20), (answer.GetProperty("total").GetInt64(), answer.GetProperty("page").GetInt32(), answer.GetProperty("size").GetInt32()));
        Assert.Equal(20, answer.GetProperty("items").GetArrayLength());
        Assert.All(answer.GetProperty("items").EnumerateArray(), d => Assert.Equal("svc-listed", d.GetProperty("service").GetProperty("serviceId").GetString()));
    }

    [Theory]
    [InlineData("owner=dept-listed&domain=transport", 5)]
    [InlineData("owner=dept-listed&domain=finance", 20)]
    [InlineData("owner=dept-listed&sharing=conditional", 13)]
    [InlineData("owner=dept-listed&sharing=unconditional", 12)]
    [InlineData("owner=dept-listed&sharing=not_shared", 0)]
    [InlineData("owner=dept-listed&domain=transport&sharing=conditional", 3)]
    [InlineData("owner=dept-nobody", 0)]
    public async Task List_ByFilter_AnswersExactlyTheMatchingDatasets(string query, int expected)
    {
        await SeedAsync();
        using var admin = catalog.Admin();
        var all = Enumerable.Range(0, 25).Select(i => (Code: Code(i), Domain: Domain(i), Sharing: Sharing(i))).ToList();
        var filters = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

        var answer = await (await admin.GetAsync($"/v1/datasets?{query}&size=200")).JsonAsync();

        var matching = all.Where(d => (!filters.TryGetValue("domain", out var domain) || d.Domain == domain) && (!filters.TryGetValue("sharing", out var sharing) || d.Sharing == sharing))
            .Where(_ => filters["owner"] == "dept-listed").Select(d => d.Code).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, matching.Count);
        Assert.Equal(expected, answer.GetProperty("total").GetInt64());
        Assert.Equal(matching, answer.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("size=0", "size")]
    [InlineData("size=201", "size")]
    [InlineData("sharing=shared", "sharing")]
    [InlineData("sharing=Conditional", "sharing")]
    public async Task List_BadParameter_Answers400NamingIt(string query, string parameter)
    {
        using var admin = catalog.Admin();

        var problem = await (await admin.GetAsync("/v1/datasets?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("size=1.5")]
    [InlineData("page=99999999999")]
    public async Task List_NotANumber_Answers400WithACode(string query)
    {
        using var admin = catalog.Admin();

        await (await admin.GetAsync("/v1/datasets?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "request_invalid");
    }

    private static string Code(int i) => $"listed-{i:D2}";

    private static string Domain(int i) => i % 5 == 0 ? "transport" : "finance";

    private static string Sharing(int i) => i % 2 == 0 ? "conditional" : "unconditional";

    /// <summary>The 25 datasets, once per catalog whichever test comes first.</summary>
    private async Task SeedAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (!SeededCatalogs.Add(catalog))
            {
                return;
            }

            await catalog.AdminPostAsync("/v1/organizations", new { id = "dept-listed", name = "列表测试局", kind = "department" });
            await catalog.AdminPostAsync("/v1/services", new { id = "svc-listed", ownerId = "dept-listed", baseAddress = "http://127.0.0.1:9" });
            for (var i = 24; i >= 0; i--)
            {
                await catalog.AdminPostAsync("/v1/datasets", new
                {
                    code = Code(i), title = $"列表数据{i}", ownerId = "dept-listed", serviceId = "svc-listed", path = "/" + Code(i), domain = Domain(i), sharing = Sharing(i),
                    queryPrice = 0.10m, verifyPrice = 0.05m, revenueShare = 0.3m, fields = new object[] { new { name = "id", title = "编号", type = "string", level = "L1" } },
                });
            }
        }
        finally
        {
            Seeded.Release();
        }
    }
}
