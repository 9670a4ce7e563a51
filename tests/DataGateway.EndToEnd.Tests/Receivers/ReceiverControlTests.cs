using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Receivers;

/// <summary>
/// <c>POST /control/{district}</c>: a district's receiver answers a status, answers late, or drops the connection,
/// for its next <c>times</c> batches or until reset; a misbehaving answer stores nothing (a slow one stores, then
/// answers late); other districts are not affected.
/// </summary>
public sealed class ReceiverControlTests(ReceiversFixture fixture) : IClassFixture<ReceiversFixture>, IAsyncLifetime
{
    private const string Xuhui = "310104";
    private readonly DemoReceivers _receivers = fixture.Receivers;

    public Task InitializeAsync() => _receivers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(413)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Status_ForTimes_AnswersItThenStoresAgain(int status)
    {
        await _receivers.ControlAsync(Xuhui, ReceiverControl.WithStatus(status, times: 3));

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var refused = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 2);
            await refused.AssertRefusedAsync((HttpStatusCode)status, "simulated_failure");
        }

        var accepted = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 2);

        await accepted.AssertAcceptedAsync("b1", 2, duplicate: false);
        Assert.Equal(new LandingSummary(Xuhui, 1, 2, 0, 3), await _receivers.SummaryAsync(Xuhui));
    }

    [Fact]
    public async Task Status429_CarriesRetryAfter()
    {
        await _receivers.ControlAsync(Xuhui, ReceiverControl.WithStatus(429, times: 1, retryAfter: 7));

        var response = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1);

        await response.AssertRefusedAsync(HttpStatusCode.TooManyRequests, "simulated_failure");
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Status503_WithoutRetryAfterGiven_SaysOneSecond()
    {
        await _receivers.ControlAsync(Xuhui, ReceiverControl.WithStatus(503, times: 1));

        var response = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Status_WithoutTimes_LastsUntilOk()
    {
        await _receivers.ControlAsync(Xuhui, ReceiverControl.WithStatus(500));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1)).StatusCode);
        }

        await _receivers.ControlAsync(Xuhui, ReceiverControl.Ok);

        await (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1)).AssertAcceptedAsync("b1", 1, duplicate: false);
        Assert.Equal(new LandingSummary(Xuhui, 1, 1, 0, 5), await _receivers.SummaryAsync(Xuhui));
    }

    [Fact]
    public async Task Status_OnOneDistrict_LeavesTheOthersAlone()
    {
        await _receivers.ControlAsync(Xuhui, ReceiverControl.WithStatus(503));

        var other = await LandingPosts.PostBatchAsync(_receivers, "310115", "b1", 1);

        await other.AssertAcceptedAsync("b1", 1, duplicate: false);
    }

    /// <summary>Also a duplicate gets the controlled answer: the receiver is down, whatever the batch.</summary>
    [Fact]
    public async Task Status_ForAStoredBatch_AnswersTheStatusNotDuplicate()
    {
        await (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1)).AssertAcceptedAsync("b1", 1, duplicate: false);
        await _receivers.ControlAsync(Xuhui, ReceiverControl.WithStatus(503, times: 1));

        var response = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(new LandingSummary(Xuhui, 1, 1, 0, 1), await _receivers.SummaryAsync(Xuhui));
    }

    [Fact]
    public async Task Slow_StoresAndAnswersAfterTheDelay()
    {
        await _receivers.ControlAsync(Xuhui, ReceiverControl.Slow(1500, times: 1));
        var clock = Stopwatch.StartNew();

        var response = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 2);

        await response.AssertAcceptedAsync("b1", 2, duplicate: false);
        // 50 ms of slack for a timer that fires a tick early; the delay itself is 1,500 ms after the body was read.
        Assert.True(clock.ElapsedMilliseconds >= 1450, $"answered after {clock.ElapsedMilliseconds} ms");
        await (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b2", 1)).AssertAcceptedAsync("b2", 1, duplicate: false);
        Assert.Equal(new LandingSummary(Xuhui, 2, 3, 0, 0), await _receivers.SummaryAsync(Xuhui));
        Assert.Equal("ok", (await _receivers.ControlStateAsync(Xuhui)).GetProperty("mode").GetString());
    }

    /// <summary>
    /// The case exactly-once hinges on: the receiver stored the batch but the worker gave up before the answer. The
    /// batch is there while the answer is still pending, and the worker's retry is a duplicate.
    /// </summary>
    [Fact]
    public async Task Slow_CallerGivesUp_TheBatchIsStoredAndTheRetryIsADuplicate()
    {
        await _receivers.ControlAsync(Xuhui, ReceiverControl.Slow(60_000, times: 1));
        using var impatient = new CancellationTokenSource();
        var post = LandingPosts.PostAsyncCancellable(_receivers, Xuhui, "b1", 3, impatient.Token);

        await WaitUntilAsync(async () => (await _receivers.SummaryAsync(Xuhui)).Batches == 1);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        var retry = await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 3);

        await retry.AssertAcceptedAsync("b1", 3, duplicate: true);
        Assert.Equal(new LandingSummary(Xuhui, 1, 3, 1, 0), await _receivers.SummaryAsync(Xuhui));
    }

    [Fact]
    public async Task Drop_ForTimes_AbortsWithoutAnswerAndStoresNothing()
    {
        await _receivers.ControlAsync(Xuhui, ReceiverControl.Drop(times: 2));

        for (var attempt = 0; attempt < 2; attempt++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 2));
        }

        Assert.Equal(new LandingSummary(Xuhui, 0, 0, 0, 2), await _receivers.SummaryAsync(Xuhui));
        await (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 2)).AssertAcceptedAsync("b1", 2, duplicate: false);
    }

    /// <summary>Only authorized, well-formed batches take a turn: a refused one leaves the control's count alone.</summary>
    [Fact]
    public async Task Times_CountsOnlyBatchesThatWouldBeStored()
    {
        await _receivers.ControlAsync(Xuhui, ReceiverControl.WithStatus(503, times: 1));
        await (await LandingPosts.PostAsync(_receivers, Xuhui, "{}", "b1")).AssertRefusedAsync(HttpStatusCode.BadRequest, "member_missing");
        await (await LandingPosts.PostAsync(_receivers, Xuhui, LandingPosts.Batch("b1", Xuhui, 1), "b1", token: "wrong"))
            .AssertRefusedAsync(HttpStatusCode.Unauthorized, "token_invalid");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1)).StatusCode);
        await (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1)).AssertAcceptedAsync("b1", 1, duplicate: false);
    }

    [Fact]
    public async Task Control_IsShownAndCountsDown()
    {
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };
        var set = await client.PostAsJsonAsync("/control/" + Xuhui, new { mode = "status", status = 503, times = 2 });
        var shown = await set.JsonAsync();
        Assert.Equal(Xuhui, shown.GetProperty("district").GetString());
        Assert.Equal("status", shown.GetProperty("mode").GetString());
        Assert.Equal(503, shown.GetProperty("status").GetInt32());
        Assert.Equal(2, shown.GetProperty("times").GetInt32());

        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1);

        Assert.Equal(1, (await (await client.GetAsync("/control/" + Xuhui)).JsonAsync()).GetProperty("times").GetInt32());
        await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1);
        Assert.Equal("ok", (await (await client.GetAsync("/control/" + Xuhui)).JsonAsync()).GetProperty("mode").GetString());
    }

    [Fact]
    public async Task DeleteControl_ResetsEveryDistrict()
    {
        foreach (var district in DemoReceivers.Districts)
        {
            await _receivers.ControlAsync(district, ReceiverControl.WithStatus(500));
        }

        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };
        (await client.DeleteAsync("/control")).EnsureSuccessStatusCode();

        foreach (var district in DemoReceivers.Districts)
        {
            await (await LandingPosts.PostBatchAsync(_receivers, district, "b1", 1)).AssertAcceptedAsync("b1", 1, duplicate: false);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"mode":"bogus"}""")]
    [InlineData("""{"mode":"OK"}""")]
    [InlineData("""{"mode":"status"}""")]
    [InlineData("""{"mode":"status","status":200}""")]
    [InlineData("""{"mode":"status","status":600}""")]
    [InlineData("""{"mode":"status","status":"503"}""")]
    [InlineData("""{"mode":"status","status":503,"times":0}""")]
    [InlineData("""{"mode":"status","status":503,"delayMs":5}""")]
    [InlineData("""{"mode":"slow"}""")]
    [InlineData("""{"mode":"slow","delayMs":-1}""")]
    [InlineData("""{"mode":"slow","delayMs":600001}""")]
    [InlineData("""{"mode":"drop","status":503}""")]
    [InlineData("""{"mode":"ok","times":1}""")]
    [InlineData("""{"mode":"drop","extra":1}""")]
    [InlineData("""{"mode":"drop","Mode":"ok"}""")]
    [InlineData("""{"mode":"drop","mod\u0065":"ok"}""")]
    public async Task Control_ABadBody_Is400AndChangesNothing(string body)
    {
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };

        var response = await client.PostAsync("/control/" + Xuhui, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertRefusedAsync(HttpStatusCode.BadRequest, "control_invalid");
        await (await LandingPosts.PostBatchAsync(_receivers, Xuhui, "b1", 1)).AssertAcceptedAsync("b1", 1, duplicate: false);
    }

    [Fact]
    public async Task Control_AnUnknownDistrict_Is404()
    {
        using var client = new HttpClient { BaseAddress = _receivers.BaseAddress };

        var response = await client.PostAsJsonAsync("/control/310100", new { mode = "drop" });

        await response.AssertRefusedAsync(HttpStatusCode.NotFound, "district_unknown");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        // A watchdog, not a bound: the batch is stored as soon as the receiver has read it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(50);
        }
    }
}
