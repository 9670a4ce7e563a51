using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// q= finds a dataset by any of what a reader knows about it: title, description, a field's title or name, the owner's
/// name or id, the domain. Chinese words of two characters match; several words must all match; paging still works.
/// </summary>
public sealed class DatasetSearchTests(SearchableCatalog catalog) : IClassFixture<SearchableCatalog>
{
    [Theory]
    [InlineData("法定代表人", "search-enterprises")]     // a field's title
    [InlineData("信用代码", "search-enterprises")]        // part of a field's title
    [InlineData("legal_representative", "search-enterprises")] // a field's name
    [InlineData("市场监督", "search-enterprises")]        // the owner's name
    [InlineData("dept-market", "search-legal-persons")] // the owner's id
    [InlineData("法人", "search-legal-persons")]          // a two-character word in a title
    [InlineData("黄浦", "search-huangpu")]               // a district's name in a title
    [InlineData("台账", "search-huangpu")]               // the description
    [InlineData("transport", "search-parking")]        // the domain
    [InlineData("TRANSPORT", "search-parking")]        // ASCII in any case
    [InlineData("泊位数", "search-parking")]
    [InlineData("黄浦 地址", "search-huangpu")]           // every word must match, each anywhere
    public async Task List_Query_FindsTheDatasetByWhatItMatches(string q, string expected)
    {
        var codes = await SearchAsync(q);

        Assert.Contains(expected, codes);
    }

    [Theory]
    [InlineData("黄浦 泊位数")]
    [InlineData("法定代表人 停车")]
    [InlineData("没有这样的词")]
    public async Task List_Query_WordsThatNoDatasetHasTogether_FindNothing(string q)
    {
        Assert.Empty(await SearchAsync(q));
    }

    [Fact]
    public async Task List_OwnerNameMatch_FindsEveryDatasetOfThatOwnerOnly()
    {
        var codes = await SearchAsync("市场监督管理局");

        Assert.Equal(["search-enterprises", "search-legal-persons"], codes);
    }

    [Fact]
    public async Task List_QueryAcrossPages_GivesEachMatchOnceWithTheTotal()
    {
        using var client = catalog.Client(catalog.Tokens.Operator("op-bank"));
        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await (await client.GetAsync($"/v1/datasets?q={Uri.EscapeDataString("分页样本")}&size=2&page={page}")).JsonAsync();
            Assert.Equal(5, result.GetProperty("total").GetInt64());
            seen.AddRange(result.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("code").GetString()!));
        }

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"search-page-{i}"), seen);
    }

    [Fact]
    public async Task List_AfterAFieldIsRenamed_FindsItByTheNewTitleOnly()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", Dataset("search-renamed", "改名样本", "", "dept-housing", "planning", ("code", "旧标题甲乙")));
        var read = await admin.GetAsync("/v1/datasets/search-renamed");
        var update = JsonSerializer.SerializeToNode(Dataset("search-renamed", "改名样本", "", "dept-housing", "planning", ("code", "新标题丙丁")))!;
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/datasets/search-renamed") { Content = JsonContent(update) };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        (await admin.SendAsync(request)).EnsureSuccessStatusCode();

        Assert.Empty(await SearchAsync("旧标题甲乙"));
        Assert.Equal(["search-renamed"], await SearchAsync("新标题丙丁"));
    }

    [Fact]
    public async Task List_AfterTheOwnerIsRenamed_FindsItsDatasetsByTheNewName()
    {
        await catalog.AdminPostAsync("/v1/organizations", new { id = "dept-renaming", name = "旧名称管理局", kind = "department" });
        await catalog.AdminPostAsync("/v1/datasets", Dataset("search-owner-renamed", "改名部门的数据", "", "dept-renaming", "planning", ("id", "编号")));
        using var admin = catalog.Admin();

        (await admin.PutAsJsonAsync("/v1/organizations/dept-renaming", new { name = "新名称服务中心", kind = "department" })).EnsureSuccessStatusCode();

        Assert.Empty(await SearchAsync("旧名称管理局"));
        Assert.Equal(["search-owner-renamed"], await SearchAsync("新名称服务"));
    }

    [Fact]
    public async Task List_QueryTooLong_Is400NamingQ()
    {
        using var client = catalog.Client(catalog.Tokens.Operator("op-bank"));

        var problem = await (await client.GetAsync("/v1/datasets?q=" + new string('字', 201))).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    private async Task<string[]> SearchAsync(string q)
    {
        using var client = catalog.Client(catalog.Tokens.Operator("op-bank"));
        var result = await (await client.GetAsync($"/v1/datasets?q={Uri.EscapeDataString(q)}&size=200")).JsonAsync();
        return [.. result.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("code").GetString()!)];
    }

    private static StringContent JsonContent(JsonNode node) => new(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    public static object Dataset(string code, string title, string description, string owner, string domain, params (string Name, string Title)[] fields) => new
    {
        code,
        title,
        description,
        ownerId = owner,
        serviceId = "svc-housing",
        path = "/" + code,
        domain,
        sharing = "conditional",
        fields = fields.Select(f => new { name = f.Name, title = f.Title, level = "L1" }).ToArray(),
    };
}
