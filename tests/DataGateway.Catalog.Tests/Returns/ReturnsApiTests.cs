using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Returns;

/// <summary>
/// Issue 14, points 2 and 4: <c>/v1/returns</c> over HTTP without a worker (jobs stay queued): starting a job and
/// every refusal of a bad request (each changing nothing), the list with its filters and paging, who sees which job
/// and which receipt, and pause, resume and cancel.
/// </summary>
public sealed class ReturnsApiTests(ReturnsCatalog catalog) : IClassFixture<ReturnsCatalog>
{
    [Fact]
    public async Task Create_AnswersTheQueuedJob_WithAReceiptPerDistrict()
    {
        await catalog.DatasetAsync("ret-created");
        using var admin = catalog.Admin();

        using var response = await admin.PostAsJsonAsync("/v1/returns", new { dataset = "ret-created" });

        var job = await response.JsonAsync(HttpStatusCode.Created);
        var id = job.GetProperty("id").GetGuid();
        Assert.Equal($"/v1/returns/{id}", response.Headers.Location?.ToString());
        Assert.Equal(("ret-created", "full", "queued", "admin", 1000),
            (job.GetProperty("dataset").GetString(), job.GetProperty("mode").GetString(), job.GetProperty("state").GetString(),
             job.GetProperty("requestedBy").GetString(), job.GetProperty("pageSize").GetInt32()));
        Assert.Equal(JsonValueKind.Null, job.GetProperty("watermarkField").ValueKind);
        var receipts = job.GetProperty("districts").EnumerateArray().ToList();
        Assert.Equal(["310101", "310104"], receipts.Select(r => r.GetProperty("district").GetString()));
        Assert.Equal(["district-310101", "district-310104"], receipts.Select(r => r.GetProperty("organizationId").GetString()));
        Assert.All(receipts, r => Assert.Equal(("pending", 0L, 0L), (r.GetProperty("state").GetString(), r.GetProperty("rowsDelivered").GetInt64(), r.GetProperty("batches").GetInt64())));
        Assert.Equal(0, job.GetProperty("progress").GetProperty("percent").GetDouble());
        Assert.Empty(job.GetProperty("gaps").EnumerateArray());
        Assert.Equal(job.GetRawText(), (await (await admin.GetAsync($"/v1/returns/{id}")).JsonAsync()).GetRawText());
    }

    [Theory]
    [InlineData("""{"dataset":"ret-bad","mode":"everything"}""", "mode")]
    [InlineData("""{"dataset":"ret-bad","mode":"incremental"}""", "watermarkField")]
    [InlineData("""{"dataset":"ret-bad","mode":"incremental","watermarkField":"owner_name"}""", "watermarkField")]
    [InlineData("""{"dataset":"ret-bad","mode":"incremental","watermarkField":"owner_id_number"}""", "watermarkField")]
    [InlineData("""{"dataset":"ret-bad","mode":"incremental","watermarkField":"nothing"}""", "watermarkField")]
    [InlineData("""{"dataset":"ret-bad","watermarkField":"id"}""", "watermarkField")]
    [InlineData("""{"dataset":"ret-bad","districts":["310999"]}""", "districts")]
    [InlineData("""{"dataset":"ret-bad","districts":["310104","310104"]}""", "districts")]
    [InlineData("""{"dataset":"ret-bad","districts":[]}""", "districts")]
    [InlineData("""{"dataset":"ret-bad","pageSize":0}""", "pageSize")]
    [InlineData("""{"dataset":"ret-bad","pageSize":1001}""", "pageSize")]
    [InlineData("""{"mode":"full"}""", "dataset")]
    public async Task Create_InvalidRequest_Is400NamingTheMember_AndStartsNothing(string body, string member)
    {
        using var admin = catalog.Admin();

        using var response = await admin.PostAsync("/v1/returns", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(member, out _), problem.ToString());
        Assert.Empty((await (await admin.GetAsync("/v1/returns?dataset=ret-bad")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Create_DatasetsReturnsDoNotApplyTo_AreRefused()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("ret-conditional", "有条件共享", "finance", "conditional", open: true));

        await (await admin.PostAsJsonAsync("/v1/returns", new { dataset = "ret-nothing" })).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.PostAsJsonAsync("/v1/returns", new { dataset = "secret-register" })).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "return_not_applicable");
        var problem = await (await admin.PostAsJsonAsync("/v1/returns", new { dataset = "ret-conditional" })).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "return_not_applicable");
        Assert.Contains("ret-conditional", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await admin.PostAsync("/v1/returns", new StringContent("""{"dataset":"housing","secret":"x"}""", Encoding.UTF8, "application/json")))
            .AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "json_unknown_member");
        await (await admin.PostAsync("/v1/returns", new StringContent("""{"dataset":"housing","Dataset":"housing"}""", Encoding.UTF8, "application/json")))
            .AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "json_duplicate_member");
        using var district = catalog.Client(catalog.Tokens.District("310104"));
        await (await district.PostAsJsonAsync("/v1/returns", new { dataset = "housing" })).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        Assert.Empty((await (await admin.GetAsync("/v1/returns?dataset=secret-register")).JsonAsync()).EnumerateArray());
        Assert.Empty((await (await admin.GetAsync("/v1/returns?dataset=ret-conditional")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Create_WhileAJobOfTheDatasetIsUnfinished_IsRefused_UntilItEnds()
    {
        await catalog.DatasetAsync("ret-twice");
        using var admin = catalog.Admin();
        var first = await (await admin.PostAsJsonAsync("/v1/returns", new { dataset = "ret-twice" })).JsonAsync(HttpStatusCode.Created);
        var id = first.GetProperty("id").GetGuid();

        var problem = await (await admin.PostAsJsonAsync("/v1/returns", new { dataset = "ret-twice" })).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "return_in_progress");
        Assert.Contains(id.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await admin.PostAsync($"/v1/returns/{id}/cancel", null)).JsonAsync();
        await (await admin.PostAsJsonAsync("/v1/returns", new { dataset = "ret-twice", districts = new[] { "310104" }, pageSize = 50 })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task List_FiltersAndPages_NewestFirst()
    {
        using var admin = catalog.Admin();
        var ids = new List<Guid>();
        foreach (var code in new[] { "ret-list-a", "ret-list-b", "ret-list-c" })
        {
            await catalog.DatasetAsync(code);
            ids.Add((await (await admin.PostAsJsonAsync("/v1/returns", new { dataset = code })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        await (await admin.PostAsync($"/v1/returns/{ids[1]}/cancel", null)).JsonAsync();

        using var page = await admin.GetAsync("/v1/returns?state=queued&size=1&page=2");
        var onPage = (await page.JsonAsync()).EnumerateArray().Select(j => j.GetProperty("id").GetGuid()).ToList();
        var queued = (await (await admin.GetAsync("/v1/returns?state=queued&size=1000")).JsonAsync()).EnumerateArray().Select(j => j.GetProperty("id").GetGuid()).ToList();
        var cancelled = (await (await admin.GetAsync("/v1/returns?state=cancelled&dataset=ret-list-b")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(queued.IndexOf(ids[2]) + 1, queued.IndexOf(ids[0]));
        Assert.Equal([queued[1]], onPage);
        Assert.Equal(queued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("rel=\"prev\"", page.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal([ids[1]], cancelled.Select(j => j.GetProperty("id").GetGuid()));
        Assert.Equal("cancelled", cancelled[0].GetProperty("state").GetString());
        Assert.Empty((await (await admin.GetAsync("/v1/returns?dataset=ret-list-b&state=queued")).JsonAsync()).EnumerateArray());
        await (await admin.GetAsync("/v1/returns?size=0")).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Visibility_AdminsAll_DepartmentsTheirDatasets_DistrictsTheirOwnReceipt_OperatorsNone()
    {
        await catalog.DatasetAsync("ret-seen");
        using var admin = catalog.Admin();
        var id = (await (await admin.PostAsJsonAsync("/v1/returns", new { dataset = "ret-seen" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var onlyHuangpu = (await (await admin.PostAsJsonAsync("/v1/returns", new { dataset = "housing", districts = new[] { "310101" } })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var xuhui = catalog.Client(catalog.Tokens.District("310104"));
        using var owner = catalog.Client(catalog.Tokens.Mint("dept-housing", "department"));
        using var other = catalog.Client(catalog.Tokens.Mint("dept-other", "department"));
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        var seen = await (await xuhui.GetAsync($"/v1/returns/{id}")).JsonAsync();
        Assert.Equal(["310104"], seen.GetProperty("districts").EnumerateArray().Select(r => r.GetProperty("district").GetString()));
        await (await xuhui.GetAsync($"/v1/returns/{onlyHuangpu}")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(onlyHuangpu, (await (await xuhui.GetAsync("/v1/returns")).JsonAsync()).EnumerateArray().Select(j => j.GetProperty("id").GetGuid()));
        Assert.Equal(2, (await (await owner.GetAsync($"/v1/returns/{id}")).JsonAsync()).GetProperty("districts").GetArrayLength());
        await (await other.GetAsync($"/v1/returns/{id}")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await (await other.GetAsync("/v1/returns")).JsonAsync()).EnumerateArray());
        await (await bank.GetAsync("/v1/returns")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "returns_not_visible");
        await (await bank.GetAsync($"/v1/returns/{id}")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "returns_not_visible");
        await (await xuhui.PostAsync($"/v1/returns/{id}/pause", null)).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        await (await admin.PostAsync($"/v1/returns/{onlyHuangpu}/cancel", null)).JsonAsync();
    }

    [Fact]
    public async Task Transitions_PauseResumeCancel_AndWhatTheyRefuse()
    {
        await catalog.DatasetAsync("ret-moved");
        using var admin = catalog.Admin();
        var id = (await (await admin.PostAsJsonAsync("/v1/returns", new { dataset = "ret-moved" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        Assert.Equal("paused", await StateAsync(await admin.PostAsync($"/v1/returns/{id}/pause", null)));
        var again = await (await admin.PostAsync($"/v1/returns/{id}/pause", null)).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        Assert.Contains("paused", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("queued", await StateAsync(await admin.PostAsync($"/v1/returns/{id}/resume", null)));
        await (await admin.PostAsync($"/v1/returns/{id}/resume", null)).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        Assert.Equal("cancelled", await StateAsync(await admin.PostAsync($"/v1/returns/{id}/cancel", null)));
        await (await admin.PostAsync($"/v1/returns/{id}/resume", null)).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        await (await admin.PostAsync($"/v1/returns/{id}/cancel", null)).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        await (await admin.PostAsync($"/v1/returns/{Guid.NewGuid()}/pause", null)).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var cancelled = await (await admin.GetAsync($"/v1/returns/{id}")).JsonAsync();
        Assert.NotEqual(JsonValueKind.Null, cancelled.GetProperty("finishedAt").ValueKind);
    }

    private static async Task<string?> StateAsync(HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("state").GetString();
}
