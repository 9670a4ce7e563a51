using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Disputes;

/// <summary>
/// Issue 18, point 6: the owning department's inbox (<c>GET /v1/disputes</c>) with its filters, order, paging and
/// visibility; one dispute with its history; the answers' transitions with ETags; and 404 for everyone who may not
/// see a dispute, exactly as for one that does not exist. The class has a catalog of its own; each test its own keys.
/// </summary>
public sealed class DisputeInboxTests(DisputeCity city) : IClassFixture<DisputeCity>
{
    [Fact]
    public async Task Inbox_ShowsEachCallerWhatItMaySee_FilteredOrderedAndPaged()
    {
        // Datasets of this test's own: three disputes on one (dept-permits's) by two callers, one on the other (dept-roads's).
        await city.AdminPostAsync("/v1/datasets", DisputeCity.Dataset("ibx-permits", "dept-permits", "svc-permits", "permit_no", 10));
        await city.AdminPostAsync("/v1/datasets", DisputeCity.Dataset("ibx-roads", "dept-roads", "svc-roads", "permit_no", 10));
        var a1 = await RaiseAsync("op-disp-c", "ibx-permits", "I1-A");
        var a2 = await RaiseAsync("op-disp-d", "ibx-permits", "I1-B");
        var a3 = await RaiseAsync("op-disp-c", "ibx-permits", "I1-C");
        var roads = await RaiseAsync("op-disp-c", "ibx-roads", "I1-D");
        using var permits = city.Department("dept-permits");
        using var roadsDept = city.Department("dept-roads");
        using var raiserC = city.Client(city.Tokens.Operator("op-disp-c"));
        using var raiserD = city.Client(city.Tokens.Operator("op-disp-d"));
        using var stranger = city.Client(city.Tokens.Operator("op-disp-e"));
        using var admin = city.Admin();

        Assert.Equal([a1, a2, a3], await IdsAsync(permits, "/v1/disputes?dataset=ibx-permits"));
        Assert.Equal([roads], await IdsAsync(roadsDept, "/v1/disputes?dataset=ibx-roads"));
        Assert.Empty(await IdsAsync(roadsDept, "/v1/disputes?dataset=ibx-permits"));
        Assert.Equal([a1, a3], await IdsAsync(raiserC, "/v1/disputes?dataset=ibx-permits"));
        Assert.Equal([a2], await IdsAsync(raiserD, "/v1/disputes?dataset=ibx-permits"));
        Assert.Empty(await IdsAsync(stranger, "/v1/disputes"));
        Assert.Equal([a3, a2, a1], await IdsAsync(permits, "/v1/disputes?dataset=ibx-permits&order=newest"));
        Assert.Equal([a1, a2, a3, roads], (await IdsAsync(admin, "/v1/disputes")).Where(new[] { a1, a2, a3, roads }.Contains));
        Assert.Equal([roads], await IdsAsync(admin, "/v1/disputes?dataset=ibx-roads"));

        // Paging: one a page, X-Total-Count and the Link to the next page keep the filter.
        var first = await permits.GetAsync("/v1/disputes?dataset=ibx-permits&size=1");
        Assert.Equal("3", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("page=2&size=1&dataset=ibx-permits", first.Headers.GetValues("Link").Single());
        Assert.Equal([a2], await IdsAsync(permits, "/v1/disputes?dataset=ibx-permits&size=1&page=2"));
        Assert.Empty(await IdsAsync(permits, "/v1/disputes?dataset=ibx-permits&size=1&page=4"));

        // State and overdue: the department answers one; another is made overdue in the document the inbox reads
        // (a real process has no clock to move).
        await AnswerAsync(permits, a2, new { outcome = "pending", reason = "已转业务处室核实" }, HttpStatusCode.OK);
        await city.SqlAsync($"update mt_doc_dispute set data = jsonb_set(data, '{{deadline}}', '\"2021-01-01T00:00:00+08:00\"') where id = 'dispute:{a3:N}'");
        Assert.Equal([a2], await IdsAsync(permits, "/v1/disputes?dataset=ibx-permits&state=confirmed_pending"));
        Assert.Equal([a3, a1], await IdsAsync(permits, "/v1/disputes?dataset=ibx-permits&state=open"));
        var overdue = Assert.Single((await (await permits.GetAsync("/v1/disputes?dataset=ibx-permits&overdue=true")).JsonAsync()).EnumerateArray());
        Assert.Equal(a3, overdue.GetProperty("id").GetGuid());
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        Assert.Empty(await IdsAsync(permits, "/v1/disputes?dataset=ibx-roads"));
    }

    [Theory]
    [InlineData("state=closed", "state")]
    [InlineData("order=deadline", "order")]
    [InlineData("overdue=yes", "overdue")]
    [InlineData("dataset=", "dataset")]
    [InlineData("size=0", "size")]
    public async Task Inbox_BadParameter_IsRefusedNamingIt(string query, string parameter)
    {
        using var admin = city.Admin();

        var problem = await (await admin.GetAsync("/v1/disputes?" + query)).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Read_ByAnyoneWhoMayNotSeeIt_AnswersAsForADisputeThatDoesNotExist()
    {
        var id = await RaiseAsync("op-disp-c", "permits", "I2-A");
        using var roadsDept = city.Department("dept-roads");
        using var stranger = city.Client(city.Tokens.Operator("op-disp-e"));
        using var permits = city.Department("dept-permits");

        var foreign = await (await stranger.GetAsync($"/v1/disputes/{id}")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var missingId = Guid.NewGuid();
        var missing = await (await stranger.GetAsync($"/v1/disputes/{missingId}")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await roadsDept.GetAsync($"/v1/disputes/{id}")).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await roadsDept.PostAsJsonAsync($"/v1/disputes/{id}/answer", new { outcome = "rejected", reason = "无误" })).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(missing.GetProperty("detail").GetString()!.Replace(missingId.ToString(), "<id>"), foreign.GetProperty("detail").GetString()!.Replace(id.ToString(), "<id>"));
        Assert.Equal(id, (await (await permits.GetAsync($"/v1/disputes/{id}")).JsonAsync()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Answer_PendingThenCorrected_KeepsEveryStepInTheHistory()
    {
        var id = await RaiseAsync("op-disp-c", "permits", "I3-A");
        using var permits = city.Department("dept-permits");
        using var raiser = city.Client(city.Tokens.Operator("op-disp-c"));

        await (await raiser.PostAsJsonAsync($"/v1/disputes/{id}/answer", new { outcome = "corrected" })).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "dispute_answer_not_allowed");
        var noReason = await AnswerAsync(permits, id, new { outcome = "pending" }, HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await AnswerAsync(permits, id, new { outcome = "pending", reason = "核实中", correctedValue = "张三" }, HttpStatusCode.BadRequest);
        await AnswerAsync(permits, id, new { outcome = "accepted" }, HttpStatusCode.BadRequest);
        var pending = await AnswerAsync(permits, id, new { outcome = "pending", reason = "已确认，待源系统更正" }, HttpStatusCode.OK, "\"1\"");
        Assert.Equal(("confirmed_pending", 2L), (pending.GetProperty("state").GetString(), pending.GetProperty("rowVersion").GetInt64()));
        await (await SendAsync(permits, id, new { outcome = "corrected" }, "\"1\"")).AssertEdgeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await SendAsync(permits, id, new { outcome = "pending", reason = "再次" }, null)).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        var corrected = await AnswerAsync(permits, id, new { outcome = "corrected", reason = "已更正", correctedValue = "张三" }, HttpStatusCode.OK, "\"2\"");
        await (await SendAsync(permits, id, new { outcome = "rejected", reason = "改判" }, null)).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "illegal_transition");

        Assert.Equal(("corrected", 3L, "张三"), (corrected.GetProperty("state").GetString(), corrected.GetProperty("rowVersion").GetInt64(), corrected.GetProperty("correctedValue").GetString()));
        Assert.NotEqual(JsonValueKind.Null, corrected.GetProperty("settledAt").ValueKind);
        var read = await (await raiser.GetAsync($"/v1/disputes/{id}")).JsonAsync();
        Assert.Equal("\"3\"", (await raiser.GetAsync($"/v1/disputes/{id}")).Headers.ETag?.Tag);
        var history = read.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["raised", "confirmed_pending", "corrected"], history.Select(s => s.GetProperty("action").GetString()));
        Assert.Equal(["op-disp-c", "dept-permits", "dept-permits"], history.Select(s => s.GetProperty("actor").GetString()));
        Assert.Equal([null, "已确认，待源系统更正", "已更正"], history.Select(s => s.GetProperty("reason").GetString()));
        Assert.Equal("张三", history[2].GetProperty("correctedValue").GetString());
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.GetProperty("at").GetDateTimeOffset() <= p.Second.GetProperty("at").GetDateTimeOffset()));
    }

    [Fact]
    public async Task Answer_Rejected_NeedsAReasonAndIsFinal_AndAnAdminMayAnswer()
    {
        var id = await RaiseAsync("op-disp-d", "roads", "I4-A");
        using var admin = city.Admin();

        await AnswerAsync(admin, id, new { outcome = "rejected", reason = " " }, HttpStatusCode.BadRequest);
        var rejected = await AnswerAsync(admin, id, new { outcome = "rejected", reason = "经核实，记录无误" }, HttpStatusCode.OK);
        await (await SendAsync(admin, id, new { outcome = "corrected" }, null)).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "illegal_transition");
        await (await SendAsync(admin, Guid.NewGuid(), new { outcome = "corrected" }, null)).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(("rejected", "经核实，记录无误"), (rejected.GetProperty("state").GetString(), rejected.GetProperty("reason").GetString()));
        Assert.False(rejected.GetProperty("overdue").GetBoolean());
    }

    private async Task<Guid> RaiseAsync(string caller, string dataset, string key)
    {
        var call = await city.WriteCallAsync(DisputeCity.Delivered(caller, dataset, DateTimeOffset.UtcNow.AddMinutes(-1), key));
        var raised = await (await city.RaiseAsync(caller, DisputeCity.Raise(call.RequestId, key, dataset))).JsonAsync(HttpStatusCode.Created);
        return raised.GetProperty("id").GetGuid();
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string path) =>
        [.. (await (await client.GetAsync(path)).JsonAsync()).EnumerateArray().Select(d => d.GetProperty("id").GetGuid())];

    private static async Task<JsonElement> AnswerAsync(HttpClient client, Guid id, object body, HttpStatusCode status, string? ifMatch = null) =>
        await (await SendAsync(client, id, body, ifMatch)).JsonAsync(status);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Guid id, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/disputes/{id}/answer") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await client.SendAsync(request);
    }
}
