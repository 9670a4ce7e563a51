using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Organizations;

/// <summary>
/// Issue 12, point 1: <c>/v1/organizations</c> over HTTP — the list and its <c>kind</c> filter, one organization, writes
/// with ETags, deletion, history. Each test writes organizations of its own.
/// </summary>
public class OrganizationsApiTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task List_AnyCaller_AnswersEveryOrganizationInIdOrderWithEveryField()
    {
        using var district = catalog.Client(catalog.Tokens.District("310104"));

        var all = (await (await district.GetAsync("/v1/organizations")).JsonAsync()).EnumerateArray().ToList();

        var ids = all.Select(o => o.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Subset(ids.ToHashSet(), new HashSet<string> { "admin", "dept-housing", "district-310104", "op-bank", "op-mobility", "op-other" });
        var xuhui = all.Single(o => o.GetProperty("id").GetString() == "district-310104");
        Assert.Equal(("徐汇区人民政府", "district", "310104"), (xuhui.GetProperty("name").GetString(), xuhui.GetProperty("kind").GetString(), xuhui.GetProperty("districtCode").GetString()));
        Assert.Empty(xuhui.GetProperty("licensedDomains").EnumerateArray());
        Assert.Equal(1, xuhui.GetProperty("rowVersion").GetInt64());
        Assert.True(xuhui.GetProperty("updatedAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        var bank = all.Single(o => o.GetProperty("id").GetString() == "op-bank");
        Assert.Equal(["finance"], bank.GetProperty("licensedDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(JsonValueKind.Null, bank.GetProperty("districtCode").ValueKind);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("department")]
    [InlineData("district")]
    [InlineData("operator")]
    public async Task List_ByKind_AnswersOnlyThatKind(string kind)
    {
        using var admin = catalog.Admin();

        var all = (await (await admin.GetAsync("/v1/organizations")).JsonAsync()).EnumerateArray().ToList();
        var some = (await (await admin.GetAsync($"/v1/organizations?kind={kind}")).JsonAsync()).EnumerateArray().ToList();

        Assert.NotEmpty(some);
        Assert.Equal(all.Where(o => o.GetProperty("kind").GetString() == kind).Select(o => o.GetProperty("id").GetString()), some.Select(o => o.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("kind=bank")]
    [InlineData("kind=Operator")]
    [InlineData("kind=")]
    public async Task List_UnknownKind_Answers400RatherThanAnEmptyList(string query)
    {
        using var admin = catalog.Admin();

        var problem = await (await admin.GetAsync("/v1/organizations?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _), problem.ToString());
    }

    [Fact]
    public async Task Write_WithETags_UpdatesDeletesAndIsInTheHistory()
    {
        using var admin = catalog.Admin();
        var created = await admin.PostAsJsonAsync("/v1/organizations", new { id = "op-lifecycle", name = "试用机构", kind = "operator", licensedDomains = new[] { "transport", "finance", "finance" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/organizations/op-lifecycle", created.Headers.Location?.ToString());
        Assert.Equal(["finance", "transport"], (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("licensedDomains").EnumerateArray().Select(d => d.GetString()));
        var read = await admin.GetAsync("/v1/organizations/op-lifecycle");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);

        var renamed = await SendAsync(admin, HttpMethod.Put, "/v1/organizations/op-lifecycle", "\"1\"", new { name = "正式机构", kind = "operator", licensedDomains = new[] { "finance" } });
        var stale = await SendAsync(admin, HttpMethod.Put, "/v1/organizations/op-lifecycle", "\"1\"", new { name = "过时的修改", kind = "operator" });
        var staleDelete = await SendAsync(admin, HttpMethod.Delete, "/v1/organizations/op-lifecycle", "\"1\"", null);

        var after = await renamed.JsonAsync();
        Assert.Equal(("正式机构", 2L), (after.GetProperty("name").GetString(), after.GetProperty("rowVersion").GetInt64()));
        Assert.Equal("\"2\"", renamed.Headers.ETag?.Tag);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await staleDelete.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("正式机构", (await (await admin.GetAsync("/v1/organizations/op-lifecycle")).JsonAsync()).GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(admin, HttpMethod.Delete, "/v1/organizations/op-lifecycle", "\"2\"", null)).StatusCode);
        await (await admin.GetAsync("/v1/organizations/op-lifecycle")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var history = (await (await admin.GetAsync("/v1/organizations/op-lifecycle/history")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["created", "updated", "deleted"], history.Select(e => e.GetProperty("action").GetString()));
        Assert.All(history, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        Assert.Equal("试用机构", history[1].GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("正式机构", history[1].GetProperty("after").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, history[2].GetProperty("after").ValueKind);
        var seqs = history.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
    }

    [Fact]
    public async Task Write_BadOrConflicting_IsRefusedAndChangesNothing()
    {
        using var admin = catalog.Admin();

        var invalid = await (await admin.PostAsJsonAsync("/v1/organizations", new { id = "Bad Id!", kind = "bank", districtCode = "1" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["id", "kind", "name"], invalid.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        await (await admin.PostAsJsonAsync("/v1/organizations", new { id = "op-bank", name = "重复", kind = "operator" })).AssertProblemAsync(HttpStatusCode.Conflict, "already_exists");
        await (await admin.PutAsJsonAsync("/v1/organizations/op-bank", new { id = "op-renamed", name = "改名", kind = "operator" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.PutAsJsonAsync("/v1/organizations/op-nobody", new { name = "无此机构", kind = "operator" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.DeleteAsync("/v1/organizations/op-nobody")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // The department owns a service and datasets: deleting it would orphan them.
        await (await admin.DeleteAsync("/v1/organizations/dept-housing")).AssertProblemAsync(HttpStatusCode.Conflict, "in_use");
        await (await admin.GetAsync("/v1/organizations/op-nobody/history")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var bank = await (await admin.GetAsync("/v1/organizations/op-bank")).JsonAsync();
        Assert.Equal(("某银行", 1L), (bank.GetProperty("name").GetString(), bank.GetProperty("rowVersion").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/organizations/dept-housing")).StatusCode);
    }

    [Fact]
    public async Task Write_ByNonAdmin_IsForbiddenAndChangesNothing()
    {
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        await (await bank.PostAsJsonAsync("/v1/organizations", new { id = "op-self-made", name = "自建", kind = "operator" })).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        await (await bank.PutAsJsonAsync("/v1/organizations/op-bank", new { name = "自改", kind = "admin" })).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        await (await bank.DeleteAsync("/v1/organizations/op-other")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        await (await bank.GetAsync("/v1/organizations/op-bank/history")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");

        using var admin = catalog.Admin();
        await (await admin.GetAsync("/v1/organizations/op-self-made")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("operator", (await (await admin.GetAsync("/v1/organizations/op-bank")).JsonAsync()).GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/organizations/op-other")).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string ifMatch, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request);
    }
}
