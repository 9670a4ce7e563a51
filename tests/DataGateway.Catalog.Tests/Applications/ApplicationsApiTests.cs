using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Applications;

/// <summary>
/// Issue 12, point 1: <c>/v1/applications</c> over HTTP beyond the workflow's rules — the list and its <c>state</c>
/// filter, withdrawal, history. Each test applies as an operator of its own, so its list is its own.
/// </summary>
public class ApplicationsApiTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task List_ByState_AnswersTheCallersApplicationsNewestFirst()
    {
        await CreateOperatorAsync("op-apps-states");
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await SubmitAsync("op-apps-states", $"场景{i}"));
        }

        using var admin = catalog.Admin();
        using var requester = catalog.Client(catalog.Tokens.Operator("op-apps-states"));
        var grant = (await (await admin.PostAsJsonAsync($"/v1/applications/{ids[0]}/approve", new { dailyQuota = 10 })).JsonAsync()).GetProperty("id").GetGuid();
        await (await admin.PostAsJsonAsync($"/v1/applications/{ids[1]}/reject", new { reason = "  场景不明  " })).JsonAsync();
        await (await requester.PostAsync($"/v1/applications/{ids[2]}/withdraw", null)).JsonAsync();

        var all = (await (await requester.GetAsync("/v1/applications")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(Enumerable.Reverse(ids), all.Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal(["submitted", "withdrawn", "rejected", "approved"], all.Select(a => a.GetProperty("state").GetString()));
        Assert.Equal(["场景3", "场景2", "场景1", "场景0"], all.Select(a => a.GetProperty("scenario").GetString()));
        Assert.All(all, a => Assert.Equal(("op-apps-states", "housing"), (a.GetProperty("requesterId").GetString(), a.GetProperty("datasetCode").GetString())));
        Assert.All(all, a => Assert.Equal(["id", "address"], a.GetProperty("fields").EnumerateArray().Select(f => f.GetString())));

        var approved = await SingleAsync(await requester.GetAsync("/v1/applications?state=approved"));
        Assert.Equal((ids[0], grant, "admin"), (approved.GetProperty("id").GetGuid(), approved.GetProperty("grantId").GetGuid(), approved.GetProperty("decidedBy").GetString()));
        var rejected = await SingleAsync(await requester.GetAsync("/v1/applications?state=rejected"));
        Assert.Equal((ids[1], "场景不明"), (rejected.GetProperty("id").GetGuid(), rejected.GetProperty("rejectReason").GetString()));
        Assert.Equal(JsonValueKind.Null, rejected.GetProperty("grantId").ValueKind);
        var withdrawn = await SingleAsync(await requester.GetAsync("/v1/applications?state=withdrawn"));
        Assert.Equal((ids[2], "op-apps-states"), (withdrawn.GetProperty("id").GetGuid(), withdrawn.GetProperty("decidedBy").GetString()));
        var submitted = await SingleAsync(await requester.GetAsync("/v1/applications?state=submitted"));
        Assert.Equal(ids[3], submitted.GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("decidedAt").ValueKind);
        // The admin sees everyone's, with the same filter.
        var everyones = (await (await admin.GetAsync("/v1/applications?state=withdrawn")).JsonAsync()).EnumerateArray().Select(a => a.GetProperty("id").GetGuid());
        Assert.Contains(ids[2], everyones);
    }

    [Theory]
    [InlineData("state=pending")]
    [InlineData("state=Approved")]
    [InlineData("state=")]
    public async Task List_UnknownState_Answers400RatherThanAnEmptyList(string query)
    {
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        var problem = await (await bank.GetAsync("/v1/applications?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("state", out _), problem.ToString());
    }

    [Fact]
    public async Task List_OrderOldest_PagesTheFilteredApplicationsOldestFirst()
    {
        await CreateOperatorAsync("op-apps-oldest");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await SubmitAsync("op-apps-oldest", $"排序{i}"));
        }

        using var requester = catalog.Client(catalog.Tokens.Operator("op-apps-oldest"));
        await (await requester.PostAsync($"/v1/applications/{ids[1]}/withdraw", null)).JsonAsync();
        var pending = new[] { ids[0], ids[2], ids[3], ids[4] };

        var first = await requester.GetAsync("/v1/applications?state=submitted&order=oldest&size=3");
        var second = await requester.GetAsync("/v1/applications?state=submitted&order=oldest&size=3&page=2");
        var newest = await requester.GetAsync("/v1/applications?state=submitted&order=newest&size=3");

        Assert.Equal(pending[..3], (await first.JsonAsync()).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal(pending[3..], (await second.JsonAsync()).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal(pending.Reverse().Take(3), (await newest.JsonAsync()).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal(["4"], first.Headers.GetValues("X-Total-Count"));
        // The next page's link keeps the filter and the order.
        Assert.Contains("page=2&size=3&state=submitted&order=oldest", string.Join(",", first.Headers.GetValues("Link")));
    }

    [Theory]
    [InlineData("order=Oldest")]
    [InlineData("order=asc")]
    [InlineData("order=")]
    public async Task List_UnknownOrder_Answers400NamingTheParameter(string query)
    {
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        var problem = await (await bank.GetAsync("/v1/applications?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(["须为 newest（最新的在前）或 oldest（最早的在前）。"], problem.GetProperty("errors").GetProperty("order").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Withdraw_OnlyByTheRequester_AndOnlyWhileSubmitted()
    {
        await CreateOperatorAsync("op-apps-withdraw");
        var id = await SubmitAsync("op-apps-withdraw", "撤回测试");
        using var admin = catalog.Admin();
        using var other = catalog.Client(catalog.Tokens.Operator("op-bank"));
        using var requester = catalog.Client(catalog.Tokens.Operator("op-apps-withdraw"));

        await (await admin.PostAsync($"/v1/applications/{id}/withdraw", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "not_requester");
        await (await other.PostAsync($"/v1/applications/{id}/withdraw", null)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var withdrawn = await (await requester.PostAsync($"/v1/applications/{id}/withdraw", null)).JsonAsync();
        await (await requester.PostAsync($"/v1/applications/{id}/withdraw", null)).AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        await (await admin.PostAsJsonAsync($"/v1/applications/{id}/approve", new { })).AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");

        Assert.Equal(("withdrawn", 2L), (withdrawn.GetProperty("state").GetString(), withdrawn.GetProperty("rowVersion").GetInt64()));
        var history = (await (await admin.GetAsync($"/v1/applications/{id}/history")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([("submitted", "op-apps-withdraw"), ("withdrawn", "op-apps-withdraw")],
            history.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())));
        await (await requester.GetAsync($"/v1/applications/{id}/history")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        await (await admin.GetAsync($"/v1/applications/{Guid.NewGuid()}/history")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.GetAsync("/v1/applications/not-a-guid")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    private static async Task<JsonElement> SingleAsync(HttpResponseMessage response) => Assert.Single((await response.JsonAsync()).EnumerateArray());

    private Task CreateOperatorAsync(string id) =>
        catalog.AdminPostAsync("/v1/organizations", new { id, name = "测试机构 " + id, kind = "operator", licensedDomains = new[] { "finance" } });

    private async Task<Guid> SubmitAsync(string operatorId, string scenario)
    {
        using var client = catalog.Client(catalog.Tokens.Operator(operatorId));
        var json = await (await client.PostAsJsonAsync("/v1/applications", new { datasetCode = "housing", scenario, fields = new[] { "id", "address" } })).JsonAsync(HttpStatusCode.Created);
        return json.GetProperty("id").GetGuid();
    }
}
