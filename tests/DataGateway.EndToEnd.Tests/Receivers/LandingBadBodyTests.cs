using System.Net;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Receivers;

/// <summary>
/// A batch means one thing or is refused with 400 and a code naming what is wrong, and a refused batch stores nothing:
/// not the contract's shape, a member twice (also escaped), unknown or missing, a value of the wrong type, a
/// district other than the path's, an Idempotency-Key other than the batchId.
/// </summary>
public sealed class LandingBadBodyTests(ReceiversFixture fixture) : IClassFixture<ReceiversFixture>, IAsyncLifetime
{
    private const string Xuhui = "310104";
    private const string Job = LandingPosts.JobId;
    private readonly DemoReceivers _receivers = fixture.Receivers;

    public Task InitializeAsync() => _receivers.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string?> BadBodies() => new()
    {
        { "", "body_not_json", null },
        { "{", "body_not_json", null },
        { "not json", "body_not_json", null },
        { Body() + " {}", "body_not_json", null },
        { Body() + " x", "body_not_json", null },
        { "{\"batchId\":\"b\",/*c*/\"x\":1}", "body_not_json", null },
        { "[]", "body_not_object", null },
        { "\"b\"", "body_not_object", null },
        { "null", "body_not_object", null },
        { Body().Replace("\"dataset\"", "\"batchId\":\"b\",\"dataset\"", StringComparison.Ordinal), "member_duplicate", "batchId" },
        { Body().Replace("\"dataset\"", "\"batch\\u0049d\":\"b\",\"dataset\"", StringComparison.Ordinal), "member_duplicate", "batchId" },
        { Body().Replace("\"dataset\"", "\"BatchId\":\"b\",\"dataset\"", StringComparison.Ordinal), "member_unknown", "BatchId" },
        { Body().Replace("\"dataset\"", "\"watermark\":\"x\",\"dataset\"", StringComparison.Ordinal), "member_unknown", "watermark" },
        { Body().Replace("\"sequence\":1,", "", StringComparison.Ordinal), "member_missing", "sequence" },
        { Body().Replace(",\"records\":[{\"id\":1}]", "", StringComparison.Ordinal), "member_missing", "records" },
        { Body().Replace("\"sequence\":1", "\"sequence\":-1", StringComparison.Ordinal), "member_invalid", "sequence" },
        { Body().Replace("\"sequence\":1", "\"sequence\":1.5", StringComparison.Ordinal), "member_invalid", "sequence" },
        { Body().Replace("\"sequence\":1", "\"sequence\":\"1\"", StringComparison.Ordinal), "member_invalid", "sequence" },
        { Body().Replace(Job, "not-a-uuid", StringComparison.Ordinal), "member_invalid", "jobId" },
        { Body().Replace("\"dataset\":\"housing\"", "\"dataset\":\"\"", StringComparison.Ordinal), "member_invalid", "dataset" },
        { Body().Replace("\"dataset\":\"housing\"", "\"dataset\":null", StringComparison.Ordinal), "member_invalid", "dataset" },
        { Body().Replace("\"dataset\":\"housing\"", "\"dataset\":\"hou\\u0000sing\"", StringComparison.Ordinal), "member_invalid", "dataset" },
        { Body().Replace("\"district\":\"310104\"", "\"district\":310104", StringComparison.Ordinal), "member_invalid", "district" },
        { Body().Replace("[{\"id\":1}]", "{\"id\":1}", StringComparison.Ordinal), "member_invalid", "records" },
        { Body().Replace("[{\"id\":1}]", "[{\"id\":1},[1]]", StringComparison.Ordinal), "record_not_object", "records[1]" },
        { Body().Replace("[{\"id\":1}]", "[{\"id\":1},\"x\"]", StringComparison.Ordinal), "record_not_object", "records[1]" },
        { Body().Replace("[{\"id\":1}]", "[{\"id\":1,\"i\\u0064\":2}]", StringComparison.Ordinal), "member_duplicate", "records[0].id" },
        { Body().Replace("[{\"id\":1}]", "[{\"id\":1,\"l\":{\"a\":1,\"a\":2}}]", StringComparison.Ordinal), "member_duplicate", "records[0].a" },
        { Body().Replace("[{\"id\":1}]", "[{\"id\":1,\"n\":{\"x\":1},\"id\":2}]", StringComparison.Ordinal), "member_duplicate", "records[0].id" },
        { Body().Replace("[{\"id\":1}]", "[{\"id\":1},{\"id\":2,\"n\":[{\"x\":1,\"x\":1}]}]", StringComparison.Ordinal), "member_duplicate", "records[1].x" },
        { Body().Replace("\"district\":\"310104\"", "\"district\":\"310101\"", StringComparison.Ordinal), "district_mismatch", "district" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_ABadBody_Is400WithItsCodeAndStoresNothing(string body, string code, string? member)
    {
        var response = await LandingPosts.PostAsync(_receivers, Xuhui, body, "b");

        var json = await response.AssertRefusedAsync(HttpStatusCode.BadRequest, code);
        Assert.Equal(member, json.TryGetProperty("member", out var m) ? m.GetString() : null);
        Assert.Equal(new LandingSummary(Xuhui, 0, 0, 0, 1), await _receivers.SummaryAsync(Xuhui));
    }

    /// <summary>A name may recur in nested objects, in sibling objects and in every record: only twice in one object is a duplicate.</summary>
    [Fact]
    public async Task Post_ANameInNestedAndSiblingObjects_IsNoDuplicate()
    {
        var body = Body().Replace("[{\"id\":1}]", "[{\"id\":1,\"n\":{\"id\":2,\"m\":{\"id\":3}},\"l\":[{\"id\":4},{\"id\":5}]},{\"id\":6}]", StringComparison.Ordinal);

        var response = await LandingPosts.PostAsync(_receivers, Xuhui, body, "b");

        await response.AssertAcceptedAsync("b", 2, duplicate: false);
    }

    [Fact]
    public async Task Post_WithoutIdempotencyKey_Is400()
    {
        var response = await LandingPosts.PostAsync(_receivers, Xuhui, Body(), idempotencyKey: null);

        await response.AssertRefusedAsync(HttpStatusCode.BadRequest, "idempotency_key_missing");
        Assert.Equal(0, (await _receivers.SummaryAsync(Xuhui)).Batches);
    }

    [Fact]
    public async Task Post_AnIdempotencyKeyOtherThanTheBatchId_Is400()
    {
        var response = await LandingPosts.PostAsync(_receivers, Xuhui, Body(), "another");

        var json = await response.AssertRefusedAsync(HttpStatusCode.BadRequest, "idempotency_key_mismatch");
        Assert.Equal("batchId", json.GetProperty("member").GetString());
        Assert.Equal(0, (await _receivers.SummaryAsync(Xuhui)).Batches);
    }

    /// <summary>A refused batch does not take the id: the same id, well-formed, is then stored as new.</summary>
    [Fact]
    public async Task Post_AfterARefusal_TheSameIdIsStoredAsNew()
    {
        await (await LandingPosts.PostAsync(_receivers, Xuhui, Body().Replace("\"sequence\":1", "\"sequence\":-1", StringComparison.Ordinal), "b"))
            .AssertRefusedAsync(HttpStatusCode.BadRequest, "member_invalid");

        var response = await LandingPosts.PostAsync(_receivers, Xuhui, Body(), "b");

        await response.AssertAcceptedAsync("b", 1, duplicate: false);
        Assert.Equal(new LandingSummary(Xuhui, 1, 1, 0, 1), await _receivers.SummaryAsync(Xuhui));
    }

    private static string Body() =>
        $$"""{"batchId":"b","jobId":"{{Job}}","dataset":"housing","district":"310104","sequence":1,"records":[{"id":1}]}""";
}
