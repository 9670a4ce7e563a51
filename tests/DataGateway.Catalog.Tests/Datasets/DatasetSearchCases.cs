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
/// <remarks>
/// The same cases run against the planner's choice (<see cref="DatasetSearchTests"/>), the trigram index forced
/// (<see cref="DatasetSearchByIndexTests"/>) and no index at all (<see cref="DatasetSearchWithoutIndexTests"/>): the
/// answer must not depend on how PostgreSQL finds it.
/// </remarks>
public abstract class DatasetSearchCases(SearchableCatalog catalog)
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

    [Theory]
    [InlineData("100%")]        // LIKE's any-string wildcard is a character here ("1000" must not match)
    [InlineData("%")]
    [InlineData("0%统")]
    [InlineData("discount_rate")] // LIKE's one-character wildcard is a character here ("discount9rate" must not match)
    [InlineData("_rate")]
    [InlineData(@"c:\data")]     // LIKE's escape character is a character here ("c:data" must not match)
    [InlineData(@"\")]
    [InlineData(@"折扣率100%统计 c:\data\台账 discount_rate")]
    public async Task List_QueryWithLikeWildcardsOrEscape_MatchesThemLiterally(string q)
    {
        Assert.Equal(["search-escapes"], await SearchAsync(q));
    }

    [Theory]
    [InlineData(@"\\")]        // two backslashes: the text has one
    [InlineData("100%%")]
    [InlineData("__")]
    [InlineData("c:%data")]
    public async Task List_QueryWithLikeWildcardsNoTextHas_FindsNothing(string q)
    {
        Assert.Empty(await SearchAsync(q));
    }

    [Fact]
    public async Task List_QueryUnderscore_MatchesOnlyTextsWithAnUnderscore()
    {
        var codes = await SearchAsync("_");

        Assert.Contains("search-escapes", codes);
        Assert.Contains("search-enterprises", codes); // credit_code
        Assert.DoesNotContain("search-parking", codes);
        Assert.DoesNotContain("search-decoy", codes);
    }

    [Theory]
    [InlineData("9r", "search-decoy")]                 // two Latin characters
    [InlineData("t9r", "search-decoy")]                // three
    [InlineData("9", "search-decoy")]                  // one
    [InlineData("监督 法人", "search-legal-persons")]    // a two-character owner-name match and a title match
    [InlineData("监督 credit_code", "search-enterprises")]
    [InlineData("市场监督管理局 存续", "search-enterprises")] // a long owner-name match and a description match
    [InlineData("泊 berths", "search-parking")]          // one Chinese character and a field name
    [InlineData("黄浦区房 台 address", "search-huangpu")]  // three, one and seven characters
    public async Task List_QueryOfShortAndLongTerms_FindsExactlyTheDatasetHoldingAll(string q, string expected)
    {
        Assert.Equal([expected], await SearchAsync(q));
    }

    [Theory]
    [InlineData("黄", "search-huangpu", "search-parking")] // one Chinese character
    [InlineData("泊", "search-parking", "search-huangpu")]
    [InlineData("rt", "search-parking", "search-huangpu")] // two Latin characters (transport)
    public async Task List_QueryOfOneOrTwoCharacters_FindsByThemAndNotOthers(string q, string expected, string notExpected)
    {
        var codes = await SearchAsync(q);

        Assert.Contains(expected, codes);
        Assert.DoesNotContain(notExpected, codes);
    }

    /// <summary>
    /// A description may have 4,000 characters; the search text holding it once had a b-tree index, which refuses a key
    /// over 2,704 bytes, so such a dataset could not be saved at all (500).
    /// </summary>
    [Fact]
    public async Task Create_DescriptionOf4000DistinctCharacters_IsSavedAndFoundByAnyPart()
    {
        // Distinct CJK characters (7919 is coprime with 20,000), so nothing compresses the key below the limit.
        var description = string.Concat(Enumerable.Range(0, 4000).Select(i => (char)(0x4E00 + (i * 7919 % 20000))));
        using var admin = catalog.Admin();

        var created = await admin.PostAsJsonAsync("/v1/datasets", Dataset("search-long-description", "长描述样本", description, "dept-housing", "planning", ("id", "编号")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["search-long-description"], await SearchAsync(description[1990..2010]));
        Assert.Equal(["search-long-description"], await SearchAsync(description[3998..]));
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

    protected async Task<string[]> SearchAsync(string q)
    {
        using var client = catalog.Client(catalog.Tokens.Operator("op-bank"));
        var result = await (await client.GetAsync($"/v1/datasets?q={Uri.EscapeDataString(q)}&size=200")).JsonAsync();
        return [.. result.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("code").GetString()!)];
    }

    protected SearchableCatalog Catalog => catalog;

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
