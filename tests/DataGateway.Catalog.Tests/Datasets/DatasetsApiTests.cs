using DataGateway.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataGateway.Catalog.Tests.Datasets;

public class DatasetsApiTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task Create_InvalidBody_ListsEveryBadFieldByNameAndSavesNothing()
    {
        using var admin = catalog.Admin();
        var response = await admin.PostAsJsonAsync("/v1/datasets", new
        {
            code = "Bad Code",
            title = "",
            ownerId = "dept-housing",
            serviceId = "svc-housing",
            path = "/../etc",
            domain = "finance",
            sharing = "sometimes",
            queryPrice = 0.123m,
            districtField = "nowhere",
            fields = new object[]
            {
                new { name = "a", title = "A", level = "L9" },
                new { name = "a", title = "A2", level = "L1", mask = "scramble" },
            },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "code", "title", "path", "sharing", "queryPrice", "districtField", "fields[0].level", "fields[1].name", "fields[1].mask" }, errors);
    }

    [Fact]
    public async Task Create_UnknownOwner_IsRefusedAndLeavesNoTrace()
    {
        using var admin = catalog.Admin();
        var before = await CatalogVersionAsync();
        var body = SeededCatalog.Dataset("orphan", "孤儿数据", "finance", "conditional", open: false);
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        json["ownerId"] = "dept-nobody";

        var response = await admin.PostAsJsonAsync("/v1/datasets", json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("ownerId", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/datasets/orphan")).StatusCode);
        Assert.Equal(before, await CatalogVersionAsync());
    }

    [Fact]
    public async Task Update_WithStaleIfMatch_Is412AndKeepsTheOtherWritersChange()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("concurrent", "并发编辑", "finance", "conditional", open: false));
        var read = await admin.GetAsync("/v1/datasets/concurrent");
        var etag = read.Headers.ETag!;

        var first = Body("concurrent", "第一位管理员的标题");
        using var firstRequest = new HttpRequestMessage(HttpMethod.Put, "/v1/datasets/concurrent") { Content = JsonContent.Create(first) };
        firstRequest.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(firstRequest)).StatusCode);

        using var secondRequest = new HttpRequestMessage(HttpMethod.Put, "/v1/datasets/concurrent") { Content = JsonContent.Create(Body("concurrent", "第二位管理员的标题")) };
        secondRequest.Headers.IfMatch.Add(etag);
        await (await admin.SendAsync(secondRequest)).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");

        var now = await (await admin.GetAsync("/v1/datasets/concurrent")).JsonAsync();
        Assert.Equal("第一位管理员的标题", now.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Update_IsInTheHistoryWithWhoBeforeAndAfter()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("historic", "历史数据", "finance", "conditional", open: false));
        (await admin.PutAsJsonAsync("/v1/datasets/historic", Body("historic", "改过的标题"))).EnsureSuccessStatusCode();

        var history = await (await admin.GetAsync("/v1/datasets/historic/history")).JsonAsync();

        var events = history.EnumerateArray().ToList();
        Assert.Equal(["created", "updated"], events.Select(e => e.GetProperty("action").GetString()));
        Assert.All(events, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        Assert.Equal("历史数据", events[1].GetProperty("before").GetProperty("title").GetString());
        Assert.Equal("改过的标题", events[1].GetProperty("after").GetProperty("title").GetString());
        Assert.Equal(5, events[1].GetProperty("after").GetProperty("fields").GetArrayLength());
        Assert.True(events[1].GetProperty("version").GetInt64() > events[0].GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task PublishedCatalog_ShowsFieldsAndPricesButNoServiceToNonAdmins()
    {
        using var district = catalog.Client(catalog.Tokens.District("310104"));
        using var admin = catalog.Admin();

        var published = await (await district.GetAsync("/v1/datasets/housing")).JsonAsync();
        var adminView = await (await admin.GetAsync("/v1/datasets/housing")).JsonAsync();

        Assert.Equal(JsonValueKind.Null, published.GetProperty("service").ValueKind);
        Assert.Equal("svc-housing", adminView.GetProperty("service").GetProperty("serviceId").GetString());
        Assert.Equal(0.10m, published.GetProperty("queryPrice").GetDecimal());
        Assert.Equal("L4", published.GetProperty("fields")[4].GetProperty("level").GetString());
        Assert.DoesNotContain("owner_id_number", published.GetProperty("districtReturnFields").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Search_ByChineseKeywordAndSharing_FindsOnlyMatches()
    {
        using var operatorClient = catalog.Client(catalog.Tokens.Operator("op-bank"));

        var found = await (await operatorClient.GetAsync("/v1/datasets?q=" + Uri.EscapeDataString("房屋") + "&sharing=unconditional&page=1&size=5")).JsonAsync();
        var none = await (await operatorClient.GetAsync("/v1/datasets?q=" + Uri.EscapeDataString("不存在的关键词"))).JsonAsync();

        Assert.Contains("housing", found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.All(found.GetProperty("items").EnumerateArray(), i => Assert.Equal("unconditional", i.GetProperty("sharing").GetString()));
        Assert.Equal(0, none.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Write_ByNonAdmin_IsForbidden()
    {
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        var response = await bank.PostAsJsonAsync("/v1/datasets", SeededCatalog.Dataset("sneaky", "偷偷加的", "finance", "unconditional", open: true));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
    }

    [Fact]
    public async Task Request_WithoutToken_Is401()
    {
        using var anonymous = catalog.Client(null);

        var response = await anonymous.GetAsync("/v1/datasets");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "token_missing");
    }

    [Theory]
    // Malformed JSON is named by the strict-input check (json_malformed) before the framework would answer request_invalid.
    [InlineData("POST", "/v1/datasets", "{not json", HttpStatusCode.BadRequest, "json_malformed")]
    [InlineData("GET", "/v1/no-such-thing", null, HttpStatusCode.NotFound, "not_found")]
    [InlineData("PATCH", "/v1/datasets/housing", "{}", HttpStatusCode.MethodNotAllowed, "method_not_allowed")]
    public async Task BadRequest_FromTheFramework_IsProblemJsonWithACode(string method, string path, string? body, HttpStatusCode status, string code)
    {
        using var admin = catalog.Admin();
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        var response = await admin.SendAsync(request);

        await response.AssertProblemAsync(status, code);
    }

    private static object Body(string code, string title)
    {
        var json = JsonSerializer.SerializeToNode(SeededCatalog.Dataset(code, title, "finance", "conditional", open: false))!.AsObject();
        return json;
    }

    private async Task<long> CatalogVersionAsync()
    {
        using var client = catalog.Client(null);
        return (await (await client.GetAsync("/readyz")).JsonAsync()).GetProperty("catalogVersion").GetInt64();
    }
}
