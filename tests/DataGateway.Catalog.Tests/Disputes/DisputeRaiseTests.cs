using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Disputes;

/// <summary>
/// Issue 18, point 5: <c>POST /v1/disputes</c> over HTTP against a real catalog and ledger records written as a gateway
/// writes them. A proven receipt is accepted with its deadline; every way of not proving it answers the same
/// 422 <c>dispute_not_received</c> (another caller's request id reads exactly like a missing one); bad bodies are
/// refused; nothing refused is written. Each test uses record keys of its own.
/// </summary>
public sealed class DisputeRaiseTests(DisputeCity city) : IClassFixture<DisputeCity>
{
    [Fact]
    public async Task Raise_ProvenReceipt_IsOpenWithItsDeadlineAndHistory()
    {
        var call = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "permits", DateTimeOffset.UtcNow.AddMinutes(-5), "R1-A", "R1-B"));
        var before = DateTimeOffset.UtcNow;

        var response = await city.RaiseAsync("op-disp-a", DisputeCity.Raise(call.RequestId, "R1-B"));

        var dispute = await response.JsonAsync(HttpStatusCode.Created);
        var id = dispute.GetProperty("id").GetGuid();
        Assert.Equal($"/v1/disputes/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(("permits", "R1-B", "holder", "open", "op-disp-a"),
            (dispute.GetProperty("dataset").GetString(), dispute.GetProperty("recordKey").GetString(), dispute.GetProperty("field").GetString(),
             dispute.GetProperty("state").GetString(), dispute.GetProperty("raisedBy").GetString()));
        Assert.Equal(call.RequestId, dispute.GetProperty("requestId").GetGuid());
        Assert.Equal("持证人姓名有误，应为张三。", dispute.GetProperty("description").GetString());
        Assert.Equal("张三", dispute.GetProperty("proposedValue").GetString());
        Assert.False(dispute.GetProperty("overdue").GetBoolean());
        Assert.Equal(JsonValueKind.Null, dispute.GetProperty("settledAt").ValueKind);
        // The dataset gives 10 days: the end of the 10th Shanghai calendar day after the day raised.
        var raisedAt = dispute.GetProperty("raisedAt").GetDateTimeOffset();
        Assert.InRange(raisedAt, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        var deadline = dispute.GetProperty("deadline").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8));
        Assert.Equal(raisedAt.ToOffset(TimeSpan.FromHours(8)).Date.AddDays(10), deadline.Date);
        Assert.Equal(new TimeSpan(0, 23, 59, 59, 999), deadline.TimeOfDay);

        using var raiser = city.Client(city.Tokens.Operator("op-disp-a"));
        var read = await (await raiser.GetAsync($"/v1/disputes/{id}")).JsonAsync();
        var step = Assert.Single(read.GetProperty("history").EnumerateArray());
        Assert.Equal(("raised", "op-disp-a", 1L), (step.GetProperty("action").GetString(), step.GetProperty("actor").GetString(), step.GetProperty("version").GetInt64()));
        Assert.False(dispute.TryGetProperty("history", out _));
    }

    /// <summary>The oracle case and its relatives: nothing tells a missing call from one that is not the caller's, or that did not carry the record or field.</summary>
    [Fact]
    public async Task Raise_UnprovenReceipt_AnswersOneCodeAndOneTextForEveryReason()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var others = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-b", "permits", at, "R2-A"));
        var own = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "permits", at, "R2-A"));
        var denied = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "permits", at, "R2-A") with { Allowed = false, Reason = "no_grant" });
        var undelivered = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "permits", at, "R2-A"));
        await city.AmendUndeliveredAsync(undelivered.RequestId);
        var otherDataset = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "roads", at, "R2-A"));
        // The ledger keeps every returned record's key, also for a call not given the key field: guessing one proves nothing.
        var keyNotGiven = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "permits", at, "R2-A") with { Fields = ["holder", "vehicle"] });
        var missing = Guid.NewGuid();

        var cases = new (string Case, Guid RequestId, string Key, string Dataset, string Field)[]
        {
            ("no such call", missing, "R2-A", "permits", "holder"),
            ("another caller's call", others.RequestId, "R2-A", "permits", "holder"),
            ("key not returned", own.RequestId, "R2-Z", "permits", "holder"),
            ("field not disclosed", own.RequestId, "R2-A", "permits", "district_code"),
            ("denied call", denied.RequestId, "R2-A", "permits", "holder"),
            ("undelivered call", undelivered.RequestId, "R2-A", "permits", "holder"),
            ("call of another dataset", otherDataset.RequestId, "R2-A", "permits", "holder"),
            ("key field not disclosed", keyNotGiven.RequestId, "R2-A", "permits", "holder"),
            ("dataset that does not exist", own.RequestId, "R2-A", "no-such-dataset", "holder"),
        };
        var shapes = new List<string>();
        foreach (var (name, requestId, key, dataset, field) in cases)
        {
            var problem = await (await city.RaiseAsync("op-disp-a", DisputeCity.Raise(requestId, key, dataset, field)))
                .AssertEdgeProblemAsync(HttpStatusCode.UnprocessableEntity, "dispute_not_received");
            // Everything but the request ids (the call's, which the caller sent, and the answer's own) must be the same.
            var detail = problem.GetProperty("detail").GetString()!.Replace(requestId.ToString(), "<id>", StringComparison.Ordinal);
            shapes.Add($"{problem.GetProperty("title").GetString()}|{detail}|{string.Join(',', problem.EnumerateObject().Select(p => p.Name).Order())}");
            Assert.True(shapes[0] == shapes[^1], $"{name}: {shapes[^1]} differs from {shapes[0]}");
        }

        Assert.Equal(0, await city.ScalarAsync("select count(*) from mt_doc_dispute where data->>'recordKey' like 'R2-%'"));
    }

    /// <summary>A district disputes a record pushed to it (a return batch in the ledger) as well as one it pulled.</summary>
    [Fact]
    public async Task Raise_ByADistrictOfARecordPushedToIt_IsAccepted()
    {
        var batch = await city.WriteCallAsync(DisputeCity.Delivered("district-" + DisputeCity.District, "permits", DateTimeOffset.UtcNow.AddMinutes(-3), "R7-A") with
        {
            Action = "return", GrantId = null, Reason = "district_return",
        });
        using var district = city.Client(city.Tokens.District(DisputeCity.District));

        var raised = await (await district.PostAsJsonAsync("/v1/disputes", DisputeCity.Raise(batch.RequestId, "R7-A", field: "vehicle"))).JsonAsync(HttpStatusCode.Created);
        var foreign = await city.RaiseAsync("op-disp-a", DisputeCity.Raise(batch.RequestId, "R7-A", field: "vehicle"));

        Assert.Equal(("district-" + DisputeCity.District, "open"), (raised.GetProperty("raisedBy").GetString(), raised.GetProperty("state").GetString()));
        await foreign.AssertEdgeProblemAsync(HttpStatusCode.UnprocessableEntity, "dispute_not_received");
    }

    [Fact]
    public async Task Raise_DatasetWithoutRecordKey_IsNotDisputable()
    {
        var call = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "nokeys", DateTimeOffset.UtcNow.AddMinutes(-1), "R3-A"));

        var problem = await (await city.RaiseAsync("op-disp-a", DisputeCity.Raise(call.RequestId, "R3-A", dataset: "nokeys")))
            .AssertEdgeProblemAsync(HttpStatusCode.Conflict, "dispute_not_disputable");

        Assert.Contains("nokeys", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Raise_SameFieldOfTheSameRecordWhileOpen_IsRefusedNamingTheOpenOne()
    {
        var call = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "permits", DateTimeOffset.UtcNow.AddMinutes(-1), "R4-A"));
        var first = (await (await city.RaiseAsync("op-disp-a", DisputeCity.Raise(call.RequestId, "R4-A"))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var again = await (await city.RaiseAsync("op-disp-a", DisputeCity.Raise(call.RequestId, "R4-A"))).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "dispute_already_open");
        var otherField = await city.RaiseAsync("op-disp-a", DisputeCity.Raise(call.RequestId, "R4-A", field: "vehicle"));

        Assert.Equal(first, again.GetProperty("disputeId").GetGuid());
        await otherField.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, await city.ScalarAsync("select count(*) from mt_doc_dispute where data->>'recordKey' = 'R4-A'"));
    }

    [Theory]
    [InlineData("""{"dataset":"permits","recordKey":"R5-A","field":"holder","description":"错"}""", "requestId")]
    [InlineData("""{"requestId":"not-a-request-id","dataset":"permits","recordKey":"R5-A","field":"holder","description":"错"}""", "requestId")]
    [InlineData("""{"requestId":"00000000000000000000000000000000","dataset":"permits","recordKey":"R5-A","field":"holder","description":"错"}""", "requestId")]
    [InlineData("""{"requestId":"{id}","recordKey":"R5-A","field":"holder","description":"错"}""", "dataset")]
    [InlineData("""{"requestId":"{id}","dataset":"permits","field":"holder","description":"错"}""", "recordKey")]
    [InlineData("""{"requestId":"{id}","dataset":"permits","recordKey":"R5-A","description":"错"}""", "field")]
    [InlineData("""{"requestId":"{id}","dataset":"permits","recordKey":"R5-A","field":"holder","description":"  "}""", "description")]
    [InlineData("""{"requestId":"{id}","dataset":"permits","recordKey":"R5-A","field":"holder","description":"{long}"}""", "description")]
    [InlineData("""{"requestId":"{id}","dataset":"permits","recordKey":"R5-A","field":"holder","description":"错","proposedValue":"{long}"}""", "proposedValue")]
    public async Task Raise_InvalidBody_IsRefusedNamingTheMember(string template, string member)
    {
        var call = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "permits", DateTimeOffset.UtcNow.AddMinutes(-1), "R5-A"));
        var json = template.Replace("{id}", call.RequestId.ToString(), StringComparison.Ordinal).Replace("{long}", new string('长', 2001), StringComparison.Ordinal);

        var problem = await (await PostRawAsync("op-disp-a", json)).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(member, out _), problem.ToString());
        Assert.Equal(0, await city.ScalarAsync("select count(*) from mt_doc_dispute where data->>'recordKey' = 'R5-A'"));
    }

    [Theory]
    [InlineData("""{"requestId":"{id}","dataset":"permits","recordKey":"R6-A","field":"holder","description":"错","field":"vehicle"}""", "json_duplicate_member")]
    [InlineData("""{"requestId":"{id}","dataset":"permits","recordKey":"R6-A","field":"holder","description":"错","f\u0069eld":"vehicle"}""", "json_duplicate_member")]
    [InlineData("""{"requestId":"{id}","dataset":"permits","recordKey":"R6-A","field":"holder","description":"错","raisedBy":"op-disp-b"}""", "json_unknown_member")]
    [InlineData("""{"requestId":"{id}","dataset":"permits","recordKey":"R6-A\u202e","field":"holder","description":"错"}""", "text_forbidden_character")]
    [InlineData("""{"requestId":42,"dataset":"permits","recordKey":"R6-A","field":"holder","description":"错"}""", "json_wrong_type")]
    public async Task Raise_AmbiguousBody_IsRefusedBeforeAnythingIsRead(string template, string code)
    {
        var call = await city.WriteCallAsync(DisputeCity.Delivered("op-disp-a", "permits", DateTimeOffset.UtcNow.AddMinutes(-1), "R6-A"));

        await (await PostRawAsync("op-disp-a", template.Replace("{id}", call.RequestId.ToString(), StringComparison.Ordinal)))
            .AssertEdgeProblemAsync(HttpStatusCode.BadRequest, code);

        Assert.Equal(0, await city.ScalarAsync("select count(*) from mt_doc_dispute where data->>'recordKey' like 'R6-A%'"));
    }

    private async Task<HttpResponseMessage> PostRawAsync(string caller, string json)
    {
        using var client = city.Client(city.Tokens.Operator(caller));
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await client.PostAsync("/v1/disputes", content);
    }
}
