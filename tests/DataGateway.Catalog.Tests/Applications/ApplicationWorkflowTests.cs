using DataGateway.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataGateway.Catalog.Tests.Applications;

public class ApplicationWorkflowTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private const string LegalBasis = "《中华人民共和国个人信息保护法》第十三条第一款第二项";

    [Fact]
    public async Task Approve_NarrowedToMinimum_CreatesAnActiveGrantWithExactlyThat()
    {
        var id = await SubmitAsync("op-bank", new { datasetCode = "housing", scenario = "普惠金融", legalBasis = LegalBasis, fields = new[] { "id", "address", "owner_id_number" }, dailyQuota = 1000 });
        using var admin = catalog.Admin();

        var grant = await (await admin.PostAsJsonAsync($"/v1/applications/{id}/approve", new { fields = new[] { "id", "address" }, dailyQuota = 200 })).JsonAsync();

        Assert.Equal("active", grant.GetProperty("state").GetString());
        Assert.Equal(["id", "address"], grant.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(200, grant.GetProperty("dailyQuota").GetInt64());
        var application = await (await admin.GetAsync($"/v1/applications/{id}")).JsonAsync();
        Assert.Equal("approved", application.GetProperty("state").GetString());
        Assert.Equal(grant.GetProperty("id").GetGuid(), application.GetProperty("grantId").GetGuid());
    }

    [Fact]
    public async Task Approve_WideningBeyondTheApplication_IsRefused()
    {
        var id = await SubmitAsync("op-bank", new { datasetCode = "housing", scenario = "普惠金融", fields = new[] { "id" }, dailyQuota = 100 });
        using var admin = catalog.Admin();

        var response = await admin.PostAsJsonAsync($"/v1/applications/{id}/approve", new { fields = new[] { "id", "address" }, dailyQuota = 1000 });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("fields", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("dailyQuota", out _));
    }

    [Fact]
    public async Task Transitions_IllegalOnesAreRefusedWithIllegalTransition()
    {
        using var admin = catalog.Admin();
        var rejected = await SubmitAsync("op-bank", new { datasetCode = "housing", scenario = "普惠金融", fields = new[] { "id" } });
        await (await admin.PostAsJsonAsync($"/v1/applications/{rejected}/reject", new { reason = "场景与数据无关" })).JsonAsync();

        await (await admin.PostAsJsonAsync($"/v1/applications/{rejected}/approve", new { })).AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        await (await admin.PostAsJsonAsync($"/v1/applications/{rejected}/reject", new { reason = "again" })).AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");

        var approved = await SubmitAsync("op-bank", new { datasetCode = "housing", scenario = "普惠金融", fields = new[] { "id" } });
        var grantId = (await (await admin.PostAsJsonAsync($"/v1/applications/{approved}/approve", new { })).JsonAsync()).GetProperty("id").GetGuid();
        await (await admin.PostAsJsonAsync($"/v1/grants/{grantId}/resume", new { })).AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        Assert.Equal("suspended", (await (await admin.PostAsJsonAsync($"/v1/grants/{grantId}/suspend", new { reason = "核查中" })).JsonAsync()).GetProperty("state").GetString());
        await (await admin.PostAsJsonAsync($"/v1/grants/{grantId}/suspend", new { })).AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        Assert.Equal("active", (await (await admin.PostAsJsonAsync($"/v1/grants/{grantId}/resume", new { })).JsonAsync()).GetProperty("state").GetString());
        Assert.Equal("revoked", (await (await admin.PostAsJsonAsync($"/v1/grants/{grantId}/revoke", new { reason = "场景结束" })).JsonAsync()).GetProperty("state").GetString());
        await (await admin.PostAsJsonAsync($"/v1/grants/{grantId}/resume", new { })).AssertProblemAsync(HttpStatusCode.Conflict, "illegal_transition");

        var history = await (await admin.GetAsync($"/v1/grants/{grantId}/history")).JsonAsync();
        Assert.Equal(["created", "suspended", "resumed", "revoked"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("场景结束", history[3].GetProperty("change").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Reject_WithoutReason_IsAValidationError()
    {
        var id = await SubmitAsync("op-bank", new { datasetCode = "housing", scenario = "普惠金融", fields = new[] { "id" } });
        using var admin = catalog.Admin();

        var response = await admin.PostAsJsonAsync($"/v1/applications/{id}/reject", new { reason = " " });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Submit_OperatorOutsideItsLicensedDomain_IsRefused()
    {
        using var mobility = catalog.Client(catalog.Tokens.Operator("op-mobility"));

        var response = await mobility.PostAsJsonAsync("/v1/applications", new { datasetCode = "housing", scenario = "出行", fields = new[] { "id" } });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "domain_not_licensed");
    }

    [Fact]
    public async Task Submit_NotSharedDataset_IsRefused()
    {
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        var response = await bank.PostAsJsonAsync("/v1/applications", new { datasetCode = "secret-register", scenario = "普惠金融", fields = new[] { "id" } });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "dataset_not_shared");
    }

    [Fact]
    public async Task Submit_PersonalFieldWithoutLegalBasis_NamesLegalBasis()
    {
        using var district = catalog.Client(catalog.Tokens.District("310104"));

        var response = await district.PostAsJsonAsync("/v1/applications", new { datasetCode = "housing", scenario = "房屋普查", fields = new[] { "owner_id_number" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("legalBasis", out _));
    }

    [Fact]
    public async Task Visibility_OperatorsSeeOnlyTheirOwnApplicationsAndGrants()
    {
        var mine = await SubmitAsync("op-bank", new { datasetCode = "housing", scenario = "普惠金融", fields = new[] { "id" } });
        var theirs = await SubmitAsync("op-other", new { datasetCode = "housing", scenario = "消费信贷", fields = new[] { "id" } });
        using var admin = catalog.Admin();
        var theirGrant = (await (await admin.PostAsJsonAsync($"/v1/applications/{theirs}/approve", new { })).JsonAsync()).GetProperty("id").GetGuid();
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        var list = await (await bank.GetAsync("/v1/applications")).JsonAsync();
        var grants = await (await bank.GetAsync("/v1/grants")).JsonAsync();

        Assert.All(list.EnumerateArray(), a => Assert.Equal("op-bank", a.GetProperty("requesterId").GetString()));
        Assert.Contains(mine, list.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        Assert.All(grants.EnumerateArray(), g => Assert.Equal("op-bank", g.GetProperty("organizationId").GetString()));
        await (await bank.GetAsync($"/v1/applications/{theirs}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await bank.GetAsync($"/v1/grants/{theirGrant}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await bank.PostAsJsonAsync($"/v1/applications/{theirs}/approve", new { })).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
    }

    [Fact]
    public async Task DeleteDataset_WithLiveGrants_IsRefusedUnlessAskedToRevoke()
    {
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("short-lived", "临时数据", "finance", "conditional", open: true));
        var id = await SubmitAsync("op-bank", new { datasetCode = "short-lived", scenario = "普惠金融", fields = new[] { "id" } });
        using var admin = catalog.Admin();
        var grantId = (await (await admin.PostAsJsonAsync($"/v1/applications/{id}/approve", new { })).JsonAsync()).GetProperty("id").GetGuid();

        await (await admin.DeleteAsync("/v1/datasets/short-lived")).AssertProblemAsync(HttpStatusCode.Conflict, "dataset_has_grants");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/datasets/short-lived?revokeGrants=true")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/datasets/short-lived")).StatusCode);
        var history = await (await admin.GetAsync($"/v1/grants/{grantId}/history")).JsonAsync();
        Assert.Equal("revoked", history.EnumerateArray().Last().GetProperty("action").GetString());
    }

    private async Task<Guid> SubmitAsync(string operatorId, object body)
    {
        using var client = catalog.Client(catalog.Tokens.Operator(operatorId));
        var response = await client.PostAsJsonAsync("/v1/applications", body);
        var json = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("submitted", json.GetProperty("state").GetString());
        return json.GetProperty("id").GetGuid();
    }
}
