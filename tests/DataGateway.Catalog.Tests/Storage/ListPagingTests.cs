using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Storage;

/// <summary>
/// Issue 12, point 1: every control-plane list (organizations, services, applications, grants) answered every row at
/// once. Now each is paged by <c>page</c>/<c>size</c>, with <c>X-Total-Count</c> and a <c>Link</c> (first, prev, next,
/// last) that keeps the filters; the caller's scope holds on every page. Each test pages rows only it creates (by its own filter).
/// </summary>
public partial class ListPagingTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task Organizations_WalkedBySmallPages_AnswerEveryRowOnceInOrderWithTotalAndLink()
    {
        // The seed holds one district (district-310104); five more make six: three full pages of two.
        for (var i = 0; i < 5; i++)
        {
            await catalog.AdminPostAsync("/v1/organizations", new { id = $"paging-district-{i}", name = $"区{i}", kind = "district", districtCode = $"31020{i}" });
        }

        using var admin = catalog.Admin();
        var all = await IdsAsync(admin, "/v1/organizations?kind=district&size=1000", "id");
        Assert.Equal(6, all.Count);

        var walked = await WalkAsync(admin, "/v1/organizations?kind=district&size=2", "id", total: 6, size: 2, mustKeep: "kind=district");

        Assert.Equal(all, walked);
        Assert.Equal(["district-310104", "paging-district-0", "paging-district-1", "paging-district-2", "paging-district-3", "paging-district-4"], [.. walked.Order(StringComparer.Ordinal)]);
    }

    [Fact]
    public async Task Services_WalkedBySmallPages_AnswerEveryRowOnceInOrderWithTotalAndLink()
    {
        for (var i = 0; i < 6; i++)
        {
            await catalog.AdminPostAsync("/v1/services", new { id = $"svc-paging-{i}", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" });
        }

        using var admin = catalog.Admin();
        var all = await IdsAsync(admin, "/v1/services?size=1000", "id");
        Assert.Equal(7, all.Count);

        var walked = await WalkAsync(admin, "/v1/services?size=3", "id", total: 7, size: 3, mustKeep: null);

        Assert.Equal(all, walked);
        // The default page is the first 100 rows: all seven, and no next page.
        var unpaged = await admin.GetAsync("/v1/services");
        Assert.Equal(7, (await unpaged.JsonAsync()).GetArrayLength());
        Assert.Equal("7", unpaged.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("</v1/services?page=1&size=100>; rel=\"first\", </v1/services?page=1&size=100>; rel=\"last\"", unpaged.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task Applications_WalkedByAnOperator_StayItsOwnAndFilteredOnEveryPage()
    {
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("paging-apps", "分页申请", "finance", "conditional", open: true));
        var own = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            own.Add(await ApplyAsync("op-bank", "paging-apps"));
            await ApplyAsync("op-other", "paging-apps");
        }

        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));
        using var admin = catalog.Admin();
        var walked = await WalkAsync(bank, "/v1/applications?state=submitted&size=2", "id", total: 5, size: 2, mustKeep: "state=submitted");
        var adminAll = await IdsAsync(admin, "/v1/applications?state=submitted&size=1000", "id");

        Assert.Equal(own.AsEnumerable().Reverse(), walked);
        Assert.Equal(10, adminAll.Count);
        Assert.Equal(adminAll, await WalkAsync(admin, "/v1/applications?state=submitted&size=4", "id", total: 10, size: 4, mustKeep: "state=submitted"));
    }

    [Fact]
    public async Task Grants_WalkedByAnOperator_StayItsOwnAndFilteredOnEveryPage()
    {
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("paging-grants", "分页授权", "finance", "conditional", open: true));
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("paging-grants-else", "分页授权其他", "finance", "conditional", open: true));
        var own = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            own.Add(await GrantAsync("op-other", "paging-grants"));
            await GrantAsync("op-bank", "paging-grants");
        }

        await GrantAsync("op-other", "paging-grants-else");
        using var other = catalog.Client(catalog.Tokens.Operator("op-other"));
        using var admin = catalog.Admin();

        var walked = await WalkAsync(other, "/v1/grants?dataset=paging-grants&size=2", "id", total: 5, size: 2, mustKeep: "dataset=paging-grants");
        var adminAll = await IdsAsync(admin, "/v1/grants?dataset=paging-grants&size=1000", "id");

        Assert.Equal(own.AsEnumerable().Reverse(), walked);
        Assert.Equal(10, adminAll.Count);
        Assert.Equal(adminAll, await WalkAsync(admin, "/v1/grants?dataset=paging-grants&size=3", "id", total: 10, size: 3, mustKeep: "dataset=paging-grants"));
        var first = await other.GetAsync("/v1/grants?dataset=paging-grants&size=2");
        Assert.Equal(
            "</v1/grants?page=1&size=2&dataset=paging-grants>; rel=\"first\", </v1/grants?page=2&size=2&dataset=paging-grants>; rel=\"next\", "
            + "</v1/grants?page=3&size=2&dataset=paging-grants>; rel=\"last\"",
            first.Headers.GetValues("Link").Single());
        var middle = await other.GetAsync("/v1/grants?dataset=paging-grants&size=2&page=2");
        Assert.Equal(
            "</v1/grants?page=1&size=2&dataset=paging-grants>; rel=\"first\", </v1/grants?page=1&size=2&dataset=paging-grants>; rel=\"prev\", "
            + "</v1/grants?page=3&size=2&dataset=paging-grants>; rel=\"next\", </v1/grants?page=3&size=2&dataset=paging-grants>; rel=\"last\"",
            middle.Headers.GetValues("Link").Single());
        // Past the last page: no rows, the same total, no next page; first, prev and last still lead back.
        var past = await other.GetAsync("/v1/grants?dataset=paging-grants&page=99&size=2");
        Assert.Equal(0, (await past.JsonAsync()).GetArrayLength());
        Assert.Equal("5", past.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(
            "</v1/grants?page=1&size=2&dataset=paging-grants>; rel=\"first\", </v1/grants?page=98&size=2&dataset=paging-grants>; rel=\"prev\", "
            + "</v1/grants?page=3&size=2&dataset=paging-grants>; rel=\"last\"",
            past.Headers.GetValues("Link").Single());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=%2B1", "page")]
    [InlineData("page=1e3", "page")]
    [InlineData("page=%201", "page")]
    [InlineData("page=1%20", "page")]
    [InlineData("page=", "page")]
    [InlineData("page=1.0", "page")]
    [InlineData("page=0x10", "page")]
    [InlineData("page=1000001", "page")]
    [InlineData("page=99999999999999999999", "page")]
    [InlineData("page=%D9%A3", "page")]
    [InlineData("size=0", "size")]
    [InlineData("size=-5", "size")]
    [InlineData("size=1001", "size")]
    [InlineData("size=ten", "size")]
    [InlineData("size=%2010", "size")]
    [InlineData("size=1e2", "size")]
    [InlineData("size=", "size")]
    public async Task Lists_BadPageOrSize_Answer400NamingTheParameter(string query, string parameter)
    {
        using var admin = catalog.Admin();
        foreach (var list in new[] { "/v1/organizations", "/v1/services", "/v1/applications", "/v1/grants" })
        {
            var problem = await (await admin.GetAsync($"{list}?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
    }

    /// <summary>Follows <c>Link rel="next"</c> from <paramref name="first"/> to the end, checking each page's headers.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient client, string first, string key, int total, int size, string? mustKeep)
    {
        var seen = new List<string>();
        var pages = 0;
        for (string? next = first; next is not null; pages++)
        {
            var response = await client.GetAsync(next);
            var rows = await response.JsonAsync();
            Assert.Equal(total.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("X-Total-Count").Single());
            seen.AddRange(rows.EnumerateArray().Select(r => r.GetProperty(key).ToString()));
            var link = response.Headers.GetValues("Link").Single();
            Assert.Matches(WholeLink(), link);
            next = NextLink().Match(link) is { Success: true } m ? m.Groups[1].Value : null;
            Assert.Contains($"page={(total + size - 1) / size}&size={size}", LastLink().Match(link).Groups[1].Value, StringComparison.Ordinal);
            var last = seen.Count == total;
            Assert.Equal(last ? total - ((total - 1) / size * size) : size, rows.GetArrayLength());
            Assert.Equal(!last, next is not null);
            if (next is not null)
            {
                Assert.Contains($"page={pages + 2}&size={size}", next, StringComparison.Ordinal);
                Assert.True(mustKeep is null || next.Contains(mustKeep, StringComparison.Ordinal), next);
            }
        }

        Assert.Equal((total + size - 1) / size, pages);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        return seen;
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string path, string key) =>
        [.. (await (await client.GetAsync(path)).JsonAsync()).EnumerateArray().Select(r => r.GetProperty(key).ToString())];

    private async Task<string> ApplyAsync(string operatorId, string dataset)
    {
        using var client = catalog.Client(catalog.Tokens.Operator(operatorId));
        var application = await (await client.PostAsJsonAsync("/v1/applications", new
        {
            datasetCode = dataset, scenario = "普惠金融", fields = new[] { "id" }, validUntil = DateTimeOffset.UtcNow.AddDays(60), dailyQuota = 1000,
        })).JsonAsync(HttpStatusCode.Created);
        return application.GetProperty("id").GetString()!;
    }

    private async Task<string> GrantAsync(string operatorId, string dataset)
    {
        var application = await ApplyAsync(operatorId, dataset);
        using var admin = catalog.Admin();
        var grant = await (await admin.PostAsJsonAsync($"/v1/applications/{application}/approve", new { })).JsonAsync();
        return grant.GetProperty("id").GetString()!;
    }

    [GeneratedRegex("<([^>]+)>; rel=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("<([^>]+)>; rel=\"last\"$")]
    private static partial Regex LastLink();

    /// <summary>RFC 8288 links, comma-separated: first, then prev and next where there are such pages, then last.</summary>
    [GeneratedRegex("^<[^>]+>; rel=\"first\"(, <[^>]+>; rel=\"prev\")?(, <[^>]+>; rel=\"next\")?, <[^>]+>; rel=\"last\"$")]
    private static partial Regex WholeLink();
}
