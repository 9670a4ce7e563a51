using Microsoft.AspNetCore.Http;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Returns;

/// <summary>
/// Issue 14, point 5: a district without a landing zone, zones that answer 4xx, 5xx, 429, slowly or not at all, and a
/// source whose rows have no district, an unknown one or one given twice. Each district ends with a clear state and
/// code; a failing district never holds the others up; nothing is delivered twice and, once the zones are mended and
/// the job resumed, nothing is lost.
/// </summary>
public sealed class ReturnFailureTests(ReturnCity city) : IClassFixture<ReturnCity>
{
    [Fact]
    public async Task MisbehavingZones_EachGetsItsCode_TheOthersTheirRows_AndResumeDeliversTheRest()
    {
        await city.SetBatchSizeAsync(100);
        await city.Receivers.ResetAsync();
        using var admin = city.CatalogClient("admin");
        (await admin.DeleteAsync("/v1/organizations/district-310151/landing-zone")).EnsureSuccessStatusCode();
        await city.Receivers.ControlAsync("310105", ReceiverControl.WithStatus(400));
        await city.Receivers.ControlAsync("310110", ReceiverControl.WithStatus(401));
        await city.Receivers.ControlAsync("310106", ReceiverControl.WithStatus(503, times: 4, retryAfter: 0));
        await city.Receivers.ControlAsync("310107", ReceiverControl.Slow(4000, times: 1));
        await city.Receivers.ControlAsync("310109", ReceiverControl.Drop(times: 2));
        await city.Receivers.ControlAsync("310112", ReceiverControl.WithStatus(429, times: 1, retryAfter: 1));

        var id = (await city.StartReturnAsync(new { dataset = "housing" })).GetProperty("id").GetString()!;
        var done = await city.WaitForStateAsync(id, "completed");

        var receipts = done.GetProperty("districts").EnumerateArray().ToDictionary(r => r.GetProperty("district").GetString()!);
        AssertFailed(receipts["310151"], "landing_zone_missing");
        AssertFailed(receipts["310105"], "landing_rejected");
        AssertFailed(receipts["310110"], "landing_unauthorized");
        Assert.Equal(1, receipts["310105"].GetProperty("failures").GetInt64());
        Assert.Equal("该区未登记落地端点。", receipts["310151"].GetProperty("lastErrorMessage").GetString());
        foreach (var district in new[] { "310106", "310107", "310109", "310112" })
        {
            Assert.Equal("delivered", receipts[district].GetProperty("state").GetString());
        }

        Assert.True(receipts["310106"].GetProperty("failures").GetInt64() >= 1, receipts["310106"].ToString());
        Assert.Equal("landing_error", receipts["310106"].GetProperty("lastErrorCode").GetString());
        Assert.Equal(["310105", "310110", "310151"], done.GetProperty("gaps").EnumerateArray().Select(g => g.GetString()).Order());
        Assert.Equal(0, (await city.Receivers.SummaryAsync("310105")).Records);
        Assert.True((await city.Receivers.SummaryAsync("310107")).Duplicates >= 1, "the slow zone stored the batch it answered late, and said so when it came again");

        // Mended: the zone registered again and the receivers answering; resuming retries only the failed districts.
        await city.SetBatchSizeAsync(100, ["310151"]);
        await city.Receivers.ControlAsync("310105", ReceiverControl.Ok);
        await city.Receivers.ControlAsync("310110", ReceiverControl.Ok);
        (await admin.PostAsync($"/v1/returns/{id}/resume", null)).EnsureSuccessStatusCode();
        var resumed = await city.WaitForStateAsync(id, "completed");

        Assert.Empty(resumed.GetProperty("gaps").EnumerateArray());
        await AssertMetricsAsync();
        foreach (var district in DemoReceivers.Districts)
        {
            var received = (await city.Receivers.AllRecordsAsync(district)).Select(r => r.GetRawText()).Order(StringComparer.Ordinal);
            Assert.Equal((await city.PulledAsync("housing", district)).Order(StringComparer.Ordinal), received);
        }
    }

    [Fact]
    public async Task SourceRows_WithoutADistrictWeCanTrust_AreHeldBackAndCounted_NeverSent()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        upstream.Responder = context => context.Request.Query["page"] == "1"
            ? context.Response.WriteAsync("""
                [{"id":"h1","district_code":"310104","address":"上海市徐汇区某路1号","owner_name":"张三"},
                 {"id":"h2","address":"无区划"},
                 {"id":"h3","district_code":null},
                 {"id":"h4","district_code":"310999"},
                 {"id":"h5","district_code":"310104","district_code":"310101"},
                 {"id":"h6","district_code":"310104","\u0064istrict_code":"310101"},
                 ["not","a","record"],
                 {"id":"h7","district_code":"310101","owner_id_number":"310101199001011234"}]
                """)
            : context.Response.WriteAsync("[]");
        using var admin = city.CatalogClient("admin");
        (await admin.PostAsJsonAsync("/v1/services", new { id = "svc-hostile", ownerId = "dept-housing", baseAddress = upstream.Address.ToString() })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/v1/datasets", new
        {
            code = "hostile-rows", title = "含无区划记录的数据", description = "测试", ownerId = "dept-housing", serviceId = "svc-hostile", path = "/rows",
            domain = "housing", sharing = "unconditional", openForOperation = false, districtField = "district_code",
            fields = new object[]
            {
                new { name = "id", title = "编号", type = "string", level = "L1" },
                new { name = "district_code", title = "区划代码", type = "string", level = "L1" },
                new { name = "address", title = "地址", type = "string", level = "L3", mask = "keep:6:0" },
                new { name = "owner_name", title = "姓名", type = "string", level = "L3", personalInformation = true, mask = "keep:1:0" },
                new { name = "owner_id_number", title = "证件号", type = "string", level = "L4", personalInformation = true },
            },
        })).EnsureSuccessStatusCode();
        await city.Receivers.ResetAsync();

        var id = (await city.StartReturnAsync(new { dataset = "hostile-rows", districts = new[] { "310101", "310104" } })).GetProperty("id").GetString()!;
        var done = await city.WaitForStateAsync(id, "completed");

        var held = done.GetProperty("held");
        Assert.Equal((2L, 1L, 2L, 1L, 6L), (held.GetProperty("missing").GetInt64(), held.GetProperty("unknown").GetInt64(),
            held.GetProperty("ambiguous").GetInt64(), held.GetProperty("notObject").GetInt64(), held.GetProperty("total").GetInt64()));
        Assert.Equal(8, done.GetProperty("rowsRead").GetInt64());
        Assert.Equal(["""{"id":"h1","district_code":"310104","address":"上海市徐汇区****","owner_name":"张*"}"""],
            (await city.Receivers.AllRecordsAsync("310104")).Select(r => r.GetRawText()));
        Assert.Equal(["""{"id":"h7","district_code":"310101"}"""], (await city.Receivers.AllRecordsAsync("310101")).Select(r => r.GetRawText()));
        foreach (var district in DemoReceivers.Districts.Except(["310101", "310104"]))
        {
            Assert.Equal(0, (await city.Receivers.SummaryAsync(district)).Records);
        }

        Assert.All(upstream.Requests, r => Assert.DoesNotContain("Authorization", r.Headers.Keys));
    }

    [Fact]
    public async Task SourceBreakingOffMidRead_IsReadAgainFromTheCheckpoint_NothingTwiceNothingLost()
    {
        var secondPageAsked = 0;
        await using var upstream = await RecordingUpstream.StartAsync();
        upstream.Responder = async context =>
        {
            switch (context.Request.Query["page"].ToString())
            {
                case "1":
                    await context.Response.WriteAsync("""[{"id":"a1","district_code":"310104"},{"id":"a2","district_code":"310101"},{"id":"a3","district_code":"310104"}]""");
                    break;
                case "2" when Interlocked.Increment(ref secondPageAsked) == 1:
                    // The body breaks off in the middle of a record: nothing of this page may be delivered.
                    await context.Response.WriteAsync("""[{"id":"b1","district_code":"310104"},{"id":"b2",""");
                    await context.Response.Body.FlushAsync();
                    context.Abort();
                    break;
                case "2" when secondPageAsked == 2:
                    context.Response.StatusCode = 503;
                    break;
                case "2":
                    await context.Response.WriteAsync("""[{"id":"b1","district_code":"310104"},{"id":"b2","district_code":"310101"}]""");
                    break;
                default:
                    await context.Response.WriteAsync("[]");
                    break;
            }
        };
        using var admin = city.CatalogClient("admin");
        (await admin.PostAsJsonAsync("/v1/services", new { id = "svc-flaky", ownerId = "dept-housing", baseAddress = upstream.Address.ToString() })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/v1/datasets", new
        {
            code = "flaky-rows", title = "时断时续的数据", description = "测试", ownerId = "dept-housing", serviceId = "svc-flaky", path = "/rows",
            domain = "housing", sharing = "unconditional", openForOperation = false, districtField = "district_code",
            fields = new object[]
            {
                new { name = "id", title = "编号", type = "string", level = "L1" },
                new { name = "district_code", title = "区划代码", type = "string", level = "L1" },
            },
        })).EnsureSuccessStatusCode();
        await city.Receivers.ResetAsync();

        var id = (await city.StartReturnAsync(new { dataset = "flaky-rows", districts = new[] { "310101", "310104" }, pageSize = 3 })).GetProperty("id").GetString()!;
        var done = await city.WaitForStateAsync(id, "completed");

        Assert.Equal(3, secondPageAsked);
        Assert.Equal(["a1", "a3", "b1"], await IdsAsync("310104"));
        Assert.Equal(["a2", "b2"], await IdsAsync("310101"));
        Assert.Empty(done.GetProperty("gaps").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("errorCode").ValueKind);
    }

    private async Task<List<string?>> IdsAsync(string district) =>
        [.. (await city.Receivers.AllRecordsAsync(district)).Select(r => r.GetProperty("id").GetString())];

    /// <summary>The worker's /metrics: valid exposition (promtool), with the deliveries and failures of the job.</summary>
    private async Task AssertMetricsAsync()
    {
        using var client = new HttpClient { BaseAddress = city.WorkerUrl };
        var body = await client.GetStringAsync("/metrics");
        var check = await Promtool.CheckMetricsAsync(body);
        Assert.True(check.ExitCode == 0, $"promtool: {check.Output}");
        Assert.Equal("", check.Output);
        Assert.Contains("datagateway_returns_rows_delivered_total{dataset=\"housing\"}", body, StringComparison.Ordinal);
        Assert.Contains("datagateway_returns_batches_total{dataset=\"housing\",outcome=\"failed\"}", body, StringComparison.Ordinal);
        Assert.Contains("datagateway_returns_batches_total{dataset=\"housing\",outcome=\"duplicate\"}", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE datagateway_returns_jobs_running gauge", body, StringComparison.Ordinal);
    }

    private static void AssertFailed(JsonElement receipt, string code)
    {
        Assert.Equal(("failed", code), (receipt.GetProperty("state").GetString(), receipt.GetProperty("lastErrorCode").GetString()));
        Assert.Equal(0, receipt.GetProperty("rowsDelivered").GetInt64());
        Assert.False(receipt.GetProperty("reconciled").GetBoolean());
    }
}
