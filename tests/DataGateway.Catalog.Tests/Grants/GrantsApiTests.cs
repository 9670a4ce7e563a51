using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Grants;

/// <summary>
/// Issue 12, point 1: <c>/v1/grants</c> over HTTP — the list and its <c>dataset</c> filter, who sees which grant, every
/// field of a grant, transitions with ETags and their reasons in the history. Each test grants a dataset of its own.
/// </summary>
public class GrantsApiTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task List_ByDataset_AnswersItsGrantsNewestFirstToAdminsAndEachHoldersOwn()
    {
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("grants-listed", "授权列表", "finance", "conditional", open: true));
        var validFrom = DateTimeOffset.UtcNow.AddDays(1);
        var bankGrant = await GrantAsync("op-bank", "grants-listed", new { fields = new[] { "id", "address" }, validFrom, validUntil = validFrom.AddDays(30), dailyQuota = 500 });
        var otherGrant = await GrantAsync("op-other", "grants-listed", new { fields = new[] { "id" } });
        using var admin = catalog.Admin();
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        var all = (await (await admin.GetAsync("/v1/grants?dataset=grants-listed")).JsonAsync()).EnumerateArray().ToList();
        var own = (await (await bank.GetAsync("/v1/grants?dataset=grants-listed")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal([otherGrant, bankGrant], all.Select(g => g.GetProperty("id").GetGuid()));
        Assert.Equal([bankGrant], own.Select(g => g.GetProperty("id").GetGuid()));
        var grant = own[0];
        Assert.Equal(("op-bank", "grants-listed", "普惠金融", "active"),
            (grant.GetProperty("organizationId").GetString(), grant.GetProperty("datasetCode").GetString(), grant.GetProperty("scenario").GetString(), grant.GetProperty("state").GetString()));
        Assert.Equal(["id", "address"], grant.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Empty(grant.GetProperty("districts").EnumerateArray());
        Assert.Empty(grant.GetProperty("verifyFields").EnumerateArray());
        Assert.Equal(500, grant.GetProperty("dailyQuota").GetInt64());
        Assert.Equal(validFrom.ToUnixTimeMilliseconds(), grant.GetProperty("validFrom").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(validFrom.AddDays(30).ToUnixTimeMilliseconds(), grant.GetProperty("validUntil").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.NotEqual(Guid.Empty, grant.GetProperty("applicationId").GetGuid());
        Assert.Equal(1, grant.GetProperty("rowVersion").GetInt64());
        Assert.Empty((await (await admin.GetAsync("/v1/grants?dataset=grants-nothing")).JsonAsync()).EnumerateArray());
        Assert.Equal(bankGrant, (await (await bank.GetAsync($"/v1/grants/{bankGrant}")).JsonAsync()).GetProperty("id").GetGuid());
        await (await bank.GetAsync($"/v1/grants/{otherGrant}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(otherGrant, (await (await bank.GetAsync("/v1/grants")).JsonAsync()).EnumerateArray().Select(g => g.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Transitions_WithETags_KeepTheirReasonsInTheHistory()
    {
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("grants-moved", "授权变更", "finance", "conditional", open: true));
        var id = await GrantAsync("op-bank", "grants-moved", new { });
        using var admin = catalog.Admin();
        var read = await admin.GetAsync($"/v1/grants/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);

        var suspended = await SendAsync(admin, $"/v1/grants/{id}/suspend", "\"1\"", new { reason = " 核查中 " });
        var stale = await SendAsync(admin, $"/v1/grants/{id}/resume", "\"1\"", new { });
        var resumed = await SendAsync(admin, $"/v1/grants/{id}/resume", "\"2\"", null);
        var revoked = await SendAsync(admin, $"/v1/grants/{id}/revoke", "*", new { reason = "场景结束" });

        Assert.Equal(("suspended", 2L), await StateAsync(suspended));
        Assert.Equal("\"2\"", suspended.Headers.ETag?.Tag);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(("active", 3L), await StateAsync(resumed));
        Assert.Equal(("revoked", 4L), await StateAsync(revoked));
        var history = (await (await admin.GetAsync($"/v1/grants/{id}/history")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["created", "suspended", "resumed", "revoked"], history.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("核查中", history[1].GetProperty("change").GetProperty("reason").GetString());
        Assert.Equal("场景结束", history[3].GetProperty("change").GetProperty("reason").GetString());
        Assert.Equal("revoked", (await (await admin.GetAsync($"/v1/grants/{id}")).JsonAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Transitions_ByNonAdminOrOnNoGrant_AreRefusedAndChangeNothing()
    {
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("grants-guarded", "授权保护", "finance", "conditional", open: true));
        var id = await GrantAsync("op-bank", "grants-guarded", new { });
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));
        using var admin = catalog.Admin();

        foreach (var action in new[] { "suspend", "resume", "revoke" })
        {
            await (await bank.PostAsJsonAsync($"/v1/grants/{id}/{action}", new { })).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
            await (await admin.PostAsJsonAsync($"/v1/grants/{Guid.NewGuid()}/{action}", new { })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }

        await (await bank.GetAsync($"/v1/grants/{id}/history")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        await (await admin.GetAsync("/v1/grants/not-a-guid")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var grant = await (await admin.GetAsync($"/v1/grants/{id}")).JsonAsync();
        Assert.Equal(("active", 1L), (grant.GetProperty("state").GetString(), grant.GetProperty("rowVersion").GetInt64()));
    }

    private static async Task<(string?, long)> StateAsync(HttpResponseMessage response)
    {
        var grant = await response.JsonAsync();
        return (grant.GetProperty("state").GetString(), grant.GetProperty("rowVersion").GetInt64());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string ifMatch, object? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(ifMatch == "*" ? EntityTagHeaderValue.Any : EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request);
    }

    private async Task<Guid> GrantAsync(string operatorId, string dataset, object approval)
    {
        using var client = catalog.Client(catalog.Tokens.Operator(operatorId));
        var application = await (await client.PostAsJsonAsync("/v1/applications", new
        {
            datasetCode = dataset, scenario = "普惠金融", fields = new[] { "id", "address" }, validUntil = DateTimeOffset.UtcNow.AddDays(60), dailyQuota = 1000,
        })).JsonAsync(HttpStatusCode.Created);
        using var admin = catalog.Admin();
        var grant = await (await admin.PostAsJsonAsync($"/v1/applications/{application.GetProperty("id").GetGuid()}/approve", approval)).JsonAsync();
        return grant.GetProperty("id").GetGuid();
    }
}
