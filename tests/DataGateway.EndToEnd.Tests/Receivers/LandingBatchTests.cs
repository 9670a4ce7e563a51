using System.Net;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Receivers;

/// <summary>
/// Issue 14, the demo's receivers: <c>POST /landing/{district}</c> stores a batch once per batch id (a repeat is a 200
/// duplicate that stores nothing), only with the district's own bearer token, only for the 16 districts.
/// </summary>
public sealed class LandingBatchTests(ReceiversFixture fixture) : IClassFixture<ReceiversFixture>, IAsyncLifetime
{
    private const string Xuhui = "310104";
    private readonly DemoReceivers _receivers = fixture.Receivers;

    public Task InitializeAsync() => _receivers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Post_AWellFormedBatch_IsStoredAndCounted()
    {
        var response = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "job1-310104-1", 3);

        await response.AssertAcceptedAsync("job1-310104-1", 3, duplicate: false);
        Assert.Equal(new LandingSummary(Xuhui, 1, 3, 0, 0), await _receivers.SummaryAsync(Xuhui));
        var records = await _receivers.AllRecordsAsync(Xuhui);
        Assert.Equal(["job1-310104-1-0", "job1-310104-1-1", "job1-310104-1-2"], records.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("上海市徐汇区漕溪北路1号", records[1].GetProperty("address").GetString());
    }

    [Fact]
    public async Task Post_TheSameBatchIdTwice_IsADuplicateStoredOnce()
    {
        await (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b-1", 2)).AssertAcceptedAsync("b-1", 2, duplicate: false);

        var again = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b-1", 2);

        await again.AssertAcceptedAsync("b-1", 2, duplicate: true);
        Assert.Equal(new LandingSummary(Xuhui, 1, 2, 1, 0), await _receivers.SummaryAsync(Xuhui));
        Assert.Equal(2, (await _receivers.AllRecordsAsync(Xuhui)).Count);
    }

    [Fact]
    public async Task Post_SameBatchIdInAnotherDistrict_IsItsOwnBatch()
    {
        await (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "shared-id", 1)).AssertAcceptedAsync("shared-id", 1, duplicate: false);

        var other = await LandingPosts.PostBatchAsync(_receivers, "310101", "shared-id", 4);

        await other.AssertAcceptedAsync("shared-id", 4, duplicate: false);
        Assert.Equal(new LandingSummary("310101", 1, 4, 0, 0), await _receivers.SummaryAsync("310101"));
    }

    /// <summary>Many posts of one batch at once, as a worker retrying on a timeout might send: stored once.</summary>
    [Fact]
    public async Task Post_OneBatchConcurrently_IsStoredOnce()
    {
        var posts = Enumerable.Range(0, 8).Select(_ => LandingPosts.PostBatchAsync(_receivers, Xuhui, "racing", 5));

        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(new LandingSummary(Xuhui, 1, 5, 7, 0), await _receivers.SummaryAsync(Xuhui));
    }

    [Fact]
    public async Task Post_AnEmptyBatch_IsAcceptedWithNoRecords()
    {
        var response = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "empty", 0);

        await response.AssertAcceptedAsync("empty", 0, duplicate: false);
        Assert.Equal(new LandingSummary(Xuhui, 1, 0, 0, 0), await _receivers.SummaryAsync(Xuhui));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData("")]
    public async Task Post_WithoutTheDistrictsToken_Is401AndStoresNothing(string? token)
    {
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/landing/" + Xuhui)
        {
            Content = new StringContent(LandingPosts.Batch("b", Xuhui, 1), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "b");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        var response = await client.SendAsync(request);

        await response.AssertRefusedAsync(HttpStatusCode.Unauthorized, "token_invalid");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(new LandingSummary(Xuhui, 0, 0, 0, 1), await _receivers.SummaryAsync(Xuhui));
    }

    [Fact]
    public async Task Post_WithAnotherDistrictsToken_Is401()
    {
        var response = await LandingPosts.PostAsync(_receivers, Xuhui, LandingPosts.Batch("b", Xuhui, 1), "b", token: _receivers.Token("310101"));

        await response.AssertRefusedAsync(HttpStatusCode.Unauthorized, "token_invalid");
        Assert.Equal(0, (await _receivers.SummaryAsync(Xuhui)).Batches);
    }

    [Fact]
    public async Task Post_TheTokenUnderAnotherScheme_Is401()
    {
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/landing/" + Xuhui)
        {
            Content = new StringContent(LandingPosts.Batch("b", Xuhui, 1), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "b");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + _receivers.Token(Xuhui));

        var response = await client.SendAsync(request);

        await response.AssertRefusedAsync(HttpStatusCode.Unauthorized, "token_invalid");
    }

    [Theory]
    [InlineData("310100")]
    [InlineData("999999")]
    [InlineData("xuhui")]
    public async Task Post_ToAnUnknownDistrict_Is404(string district)
    {
        var response = await LandingPosts.PostAsync(_receivers, district, LandingPosts.Batch("b", district, 1), "b", token: _receivers.Token(Xuhui));

        var json = await response.AssertRefusedAsync(HttpStatusCode.NotFound, "district_unknown");
        Assert.Contains(district, json.GetProperty("message").GetString());
        Assert.All(await _receivers.SummariesAsync(), s => Assert.Equal(new LandingSummary(s.District, 0, 0, 0, 0), s));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=gb18030")]
    public async Task Post_NotJson_Is415AndStoresNothing(string contentType)
    {
        var response = await LandingPosts.PostAsync(_receivers, Xuhui, LandingPosts.Batch("b", Xuhui, 1), "b", contentType: contentType);

        await response.AssertRefusedAsync(HttpStatusCode.UnsupportedMediaType, "content_type_unsupported");
        Assert.Equal(new LandingSummary(Xuhui, 0, 0, 0, 1), await _receivers.SummaryAsync(Xuhui));
    }

    /// <summary>Refused on its Content-Length, before a byte of it is read (sent without the body, so nothing is left unread).</summary>
    [Fact]
    public async Task Post_ABodyAnnouncedOver64MiB_Is413AndStoresNothing()
    {
        var request = $"POST /landing/{Xuhui} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {_receivers.Token(Xuhui)}\r\n" +
                      $"Content-Type: application/json\r\nIdempotency-Key: big\r\nContent-Length: {(64 * 1024 * 1024) + 1}\r\n\r\n";

        var response = await RawHttpExchange.SendAsync(_receivers.BaseAddress, request);

        Assert.Equal(413, response.Status);
        Assert.Contains("\"code\":\"body_too_large\"", response.Body);
        Assert.Equal(new LandingSummary(Xuhui, 0, 0, 0, 1), await _receivers.SummaryAsync(Xuhui));
    }

    [Fact]
    public async Task Post_ABodyOf63MiB_IsAccepted()
    {
        var body = LandingPosts.Batch("near-limit", Xuhui, 1).Replace("漕溪北路", new string('x', 63 * 1024 * 1024), StringComparison.Ordinal);

        var response = await LandingPosts.PostAsync(_receivers, Xuhui, body, "near-limit");

        await response.AssertAcceptedAsync("near-limit", 1, duplicate: false);
    }

    [Fact]
    public async Task Post_ABatchOf20000Records_IsStoredWhole()
    {
        var response = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "large", 20_000);

        await response.AssertAcceptedAsync("large", 20_000, duplicate: false);
        var records = await _receivers.AllRecordsAsync(Xuhui);
        Assert.Equal(20_000, records.Count);
        Assert.Equal("large-19999", records[^1].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Refusal_InEnglish_ForAcceptLanguageEn()
    {
        using var client = _receivers.LandingClient(Xuhui, "wrong");
        client.DefaultRequestHeaders.Add("Accept-Language", "en");

        var response = await client.PostAsync("/landing/" + Xuhui, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        var json = await response.JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("token_invalid", json.GetProperty("code").GetString());
        Assert.StartsWith("No bearer token", json.GetProperty("message").GetString());
    }
}
