using System.Net;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Receivers;

/// <summary>
/// What tests and demo users read: each district's summary, all 16 at once, its records in arrival order page by
/// page (<c>X-Total-Count</c>), the <c>--store</c> files, and <c>DELETE /landing</c>, which forgets everything.
/// </summary>
public sealed class LandingInspectionTests(ReceiversFixture fixture) : IClassFixture<ReceiversFixture>, IAsyncLifetime
{
    private const string Xuhui = "310104";
    private readonly DemoReceivers _receivers = fixture.Receivers;

    public Task InitializeAsync() => _receivers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Summaries_AreAll16InCodeOrder()
    {
        await LandingPosts.PostBatchAsync(_receivers, "310151", "b1", 2);
        await LandingPosts.PostBatchAsync(_receivers, "310151", "b1", 2);
        await LandingPosts.PostBatchAsync(_receivers, "310151", "b2", 1);

        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };
        var json = await (await client.GetAsync("/landing")).JsonAsync();

        Assert.Equal(DemoReceivers.Districts, json.EnumerateArray().Select(s => s.GetProperty("district").GetString()));
        var chongming = json.EnumerateArray().Last();
        Assert.Equal(new[] { "district", "batches", "records", "duplicates", "rejected" }, chongming.Keys());
        Assert.Equal(2, chongming.GetProperty("batches").GetInt64());
        Assert.Equal(3, chongming.GetProperty("records").GetInt64());
        Assert.Equal(1, chongming.GetProperty("duplicates").GetInt64());
        Assert.All(json.EnumerateArray().SkipLast(1), s => Assert.Equal(0, s.GetProperty("batches").GetInt64()));
    }

    [Fact]
    public async Task Summary_OfAnUnknownDistrict_Is404()
    {
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };

        await (await client.GetAsync("/landing/310100")).AssertRefusedAsync(HttpStatusCode.NotFound, "district_unknown");
        await (await client.GetAsync("/landing/310100/records")).AssertRefusedAsync(HttpStatusCode.NotFound, "district_unknown");
    }

    [Fact]
    public async Task Records_ArePagedInArrivalOrderWithTheTotal()
    {
        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 3, sequence: 1);
        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b2", 4, sequence: 2);
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };

        var second = await client.GetAsync($"/landing/{Xuhui}/records?page=2&size=3");

        var ids = (await second.JsonAsync()).EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Equal(["b2-0", "b2-1", "b2-2"], ids);
        Assert.Equal("7", second.Headers.GetValues("X-Total-Count").Single());
        var last = await (await client.GetAsync($"/landing/{Xuhui}/records?page=3&size=3")).JsonAsync();
        Assert.Equal(["b2-3"], last.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var past = await client.GetAsync($"/landing/{Xuhui}/records?page=4&size=3");
        Assert.Equal(0, (await past.JsonAsync()).GetArrayLength());
        Assert.Equal("7", past.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task Records_ByDefault_AreTheFirst100()
    {
        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 150);
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };

        var page = await (await client.GetAsync($"/landing/{Xuhui}/records")).JsonAsync();

        Assert.Equal(100, page.GetArrayLength());
        Assert.Equal("b1-99", page[99].GetProperty("id").GetString());
    }

    /// <summary>A record comes back as the bytes that came: members, order, Chinese and nested objects unchanged.</summary>
    [Fact]
    public async Task Records_AreTheBytesReceived()
    {
        const string record = """{"z":1,"a":"上海市\u5f90汇区","n":{"b":[1,2.50,{"c":null}]},"t":true}""";
        var body = $$"""{"batchId":"raw","jobId":"{{LandingPosts.JobId}}","dataset":"housing","district":"{{Xuhui}}","sequence":0,"records":[{{record}}]}""";
        await (await LandingPosts.PostAsync(_receivers, Xuhui, body, "raw")).AssertAcceptedAsync("raw", 1, duplicate: false);
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };

        var text = await client.GetStringAsync($"/landing/{Xuhui}/records");

        Assert.Equal("[" + record + "]", text);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("page=-1")]
    [InlineData("size=0")]
    [InlineData("size=10001")]
    [InlineData("size=")]
    [InlineData("page=1&page=2")]
    [InlineData("size=5&size=5")]
    public async Task Records_BadPaging_Is400NamingTheParameter(string query)
    {
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };

        var response = await client.GetAsync($"/landing/{Xuhui}/records?{query}");

        var json = await response.AssertRefusedAsync(HttpStatusCode.BadRequest, "page_invalid");
        Assert.Equal(query.Split('=')[0], json.GetProperty("member").GetString());
    }

    [Fact]
    public async Task Store_WritesEachAcceptedRecordAsAJsonLine()
    {
        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 2);
        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 2);
        await _receivers.ControlAsync(Xuhui, ReceiverControl.WithStatus(503, times: 1));
        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b2", 5);
        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b3", 1);
        var pretty = $$"""
            {"batchId":"b4","jobId":"{{LandingPosts.JobId}}","dataset":"housing","district":"{{Xuhui}}","sequence":4,"records":[
              {
                "id": "b4-0",
                "address": "上海市徐汇区"
              }
            ]}
            """;
        await (await LandingPosts.PostAsync(_receivers, Xuhui, pretty, "b4")).AssertAcceptedAsync("b4", 1, duplicate: false);

        var lines = await ReadLinesAsync(Xuhui);

        Assert.Equal(["b1-0", "b1-1", "b3-0", "b4-0"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
        Assert.Equal("""{"id":"b1-0","address":"上海市徐汇区漕溪北路0号","district_code":"310104","area_m2":0.5,"location":{"lng":121.43,"lat":31.18}}""", lines[0]);
        Assert.Equal("""{"id":"b4-0","address":"上海市徐汇区"}""", lines[3]);
        Assert.Empty(await ReadLinesAsync("310101"));
    }

    [Fact]
    public async Task DeleteLanding_ForgetsBatchesCountsRecordsAndFileLines()
    {
        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 2);
        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 2);
        await LandingPosts.PostAsync(_receivers, Xuhui, "{}", "b1");
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };

        var cleared = await client.DeleteAsync("/landing");

        Assert.All((await cleared.JsonAsync()).EnumerateArray(), s => Assert.Equal(0, s.GetProperty("batches").GetInt64()));
        Assert.Equal(new LandingSummary(Xuhui, 0, 0, 0, 0), await _receivers.SummaryAsync(Xuhui));
        Assert.Empty(await _receivers.AllRecordsAsync(Xuhui));
        Assert.Empty(await ReadLinesAsync(Xuhui));
        await (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 2)).AssertAcceptedAsync("b1", 2, duplicate: false);
    }

    [Theory]
    [InlineData("GET", "/nothing")]
    [InlineData("GET", "/landing/310104/other")]
    [InlineData("PUT", "/nothing")]
    public async Task UnknownPaths_Are404Json(string method, string path)
    {
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertRefusedAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("POST", "/landing")]
    [InlineData("PUT", "/landing/310104")]
    [InlineData("DELETE", "/landing/310104")]
    [InlineData("PUT", "/control/310104")]
    public async Task WrongMethods_Are405Json(string method, string path)
    {
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertRefusedAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.NotEmpty(response.Content.Headers.Allow);
    }

    private async Task<IReadOnlyList<string>> ReadLinesAsync(string district)
    {
        // The receiver writes the file; opened for reading beside it, as a person would look.
        await using var stream = new FileStream(Path.Combine(_receivers.StoreDirectory!, district + ".jsonl"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
