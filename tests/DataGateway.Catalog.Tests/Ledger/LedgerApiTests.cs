using System.Net;
using System.Text.Json;
using DataGateway.Ledger;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.Ledger.LedgerCity;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// Issue 12, point 1: <c>GET /v1/ledger</c> answered 500 for everyone since schema 008 gave the amendments a chain of
/// their own (seq, prev_hash, hash in both tables). Over HTTP: every field of a record, who may read what, every
/// filter alone, and paging. Each test uses callers, datasets, districts and a year of its own.
/// </summary>
public class LedgerApiTests(LedgerCity city) : IClassFixture<LedgerCity>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task Query_AfterAmendmentsGotTheirOwnChain_AnswersEveryFieldOfEachRecord()
    {
        var at = new DateTimeOffset(2030, 3, 1, 9, 0, 0, Shanghai).AddTicks(1230);
        var stored = await city.WriteCallsAsync(
        [
            Call("op-fields", "fields-ds", at),
            Call("district-310104", "fields-ds", at.AddSeconds(1), r => r with
            {
                Districts = ["310104", "310105"], Fields = ["id"], Billable = false, Action = "verify", Rows = 0, UpstreamMilliseconds = null,
            }),
            Call("op-fields", "fields-ds", at.AddSeconds(2), r => r with { Allowed = false, Reason = "grant_suspended", Status = 403, GrantId = null, Complete = false }),
        ]);
        await city.AmendUndeliveredAsync(stored[0].RequestId);
        using var admin = city.Admin();

        var page = await (await admin.GetAsync("/v1/ledger?dataset=fields-ds")).JsonAsync();

        var records = page.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(stored.Select(r => r.RequestId), records.Select(r => r.GetProperty("requestId").GetGuid()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        for (var i = 0; i < stored.Count; i++)
        {
            AssertRecord(stored[i], records[i], amendment: i == 0 ? "undelivered" : null);
        }
    }

    [Fact]
    public async Task Query_OperatorOrDistrict_SeesOnlyItsOwnCalls()
    {
        var at = new DateTimeOffset(2030, 4, 1, 9, 0, 0, Shanghai);
        var mine = await city.WriteCallsAsync([Call("op-own-a", "own-ds", at), Call("op-own-a", "own-ds", at.AddMinutes(1))]);
        var theirs = await city.WriteCallsAsync([Call("op-own-b", "own-ds", at.AddSeconds(30))]);
        var district = await city.WriteCallsAsync([Call("district-319702", "own-ds", at.AddSeconds(40))]);
        using var a = city.Client(city.Tokens.Operator("op-own-a"));
        using var districtClient = city.Client(city.Tokens.District("319702"));
        using var admin = city.Admin();

        Assert.Equal(Ids(mine), await IdsAsync(a, "/v1/ledger?dataset=own-ds"));
        Assert.Equal(Ids(mine), await IdsAsync(a, "/v1/ledger?dataset=own-ds&caller=op-own-a"));
        Assert.Equal(Ids(district), await IdsAsync(districtClient, "/v1/ledger?dataset=own-ds"));
        Assert.Equal(Ids(mine.Concat(theirs).Concat(district).OrderBy(r => r.StartedAt)), await IdsAsync(admin, "/v1/ledger?dataset=own-ds"));
        Assert.Equal(Ids(theirs), await IdsAsync(admin, "/v1/ledger?dataset=own-ds&caller=op-own-b"));
        // Someone else's calls, by any spelling of another caller, are refused rather than silently narrowed.
        foreach (var other in new[] { "op-own-b", "OP-OWN-A", "op-own-a ", "district-319702", "admin" })
        {
            await (await a.GetAsync($"/v1/ledger?caller={Uri.EscapeDataString(other)}")).AssertProblemAsync(HttpStatusCode.Forbidden, "ledger_not_own");
            await (await a.GetAsync($"/v1/ledger?caller={Uri.EscapeDataString(other)}&format=csv")).AssertProblemAsync(HttpStatusCode.Forbidden, "ledger_not_own");
        }

        await (await districtClient.GetAsync("/v1/ledger?caller=op-own-a")).AssertProblemAsync(HttpStatusCode.Forbidden, "ledger_not_own");
        using var anonymous = city.Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/ledger")).StatusCode);
    }

    [Fact]
    public async Task Query_EachFilterAlone_AnswersExactlyTheMatchingRecords()
    {
        var at = new DateTimeOffset(2031, 5, 1, 0, 0, 0, Shanghai);
        var stored = await city.WriteCallsAsync(
        [
            Call("op-filter-a", "filter-ds-1", at, r => r with { GrantId = "g-filter-1" }),
            Call("op-filter-a", "filter-ds-2", at.AddHours(1), r => r with { GrantId = "g-filter-2", Districts = ["319801"] }),
            Call("op-filter-b", "filter-ds-1", at.AddHours(2), r => r with { GrantId = "g-filter-1", Districts = ["319802", "319801"] }),
            Call("district-319801", "filter-ds-2", at.AddHours(3), r => r with { GrantId = null }),
            Call("op-filter-b", "filter-ds-2", at.AddHours(4), r => r with { GrantId = "g-filter-3" }),
            Call("op-filter-b", "filter-ds-1", at.AddHours(4).AddTicks(10), r => r with { GrantId = "g-filter-3", Districts = ["319802"] }),
        ]);
        using var admin = city.Admin();

        Assert.Equal([stored[2].RequestId], await IdsAsync(admin, $"/v1/ledger?requestId={stored[2].RequestId}"));
        Assert.Equal([stored[2].RequestId], await IdsAsync(admin, $"/v1/ledger?requestId={stored[2].RequestId:N}"));
        Assert.Equal(Ids(stored.Where(r => r.CallerOrg == "op-filter-a")), await IdsAsync(admin, "/v1/ledger?caller=op-filter-a"));
        Assert.Equal(Ids(stored.Where(r => r.Dataset == "filter-ds-1")), await IdsAsync(admin, "/v1/ledger?dataset=filter-ds-1"));
        Assert.Equal(Ids(stored.Where(r => r.GrantId == "g-filter-1")), await IdsAsync(admin, "/v1/ledger?grant=g-filter-1"));
        // A district: its own calls, and calls whose rows were scoped to it.
        Assert.Equal(Ids(stored.Skip(1).Take(3)), await IdsAsync(admin, "/v1/ledger?district=319801"));
        Assert.Equal(Ids(stored.Where(r => r.Districts?.Contains("319802") == true)), await IdsAsync(admin, "/v1/ledger?district=319802"));
        // from is inclusive and to exclusive, to the microsecond; an offset is honoured, and so is a '+' left unencoded.
        // (Later years hold other tests' calls: the first page after 'from' is this test's.)
        Assert.Equal(Ids(stored.Skip(1)), await PageIdsAsync(admin, $"/v1/ledger?from={Time(stored[1].StartedAt)}&limit=5"));
        Assert.Equal(Ids(stored.Skip(1)), await IdsAsync(admin, "/v1/ledger?from=2031-04-30T17:00:00Z&to=2032-01-01T00:00:00Z"));
        Assert.Equal(Ids(stored.Skip(1)), await IdsAsync(admin, "/v1/ledger?from=2031-05-01T01:00:00+08:00&to=2032-01-01T00:00:00Z"));
        Assert.Equal(Ids(stored.Take(5)), await IdsAsync(admin, $"/v1/ledger?from=2031-01-01T00:00:00Z&to={Time(stored[5].StartedAt)}"));
        Assert.Equal(Ids(stored.Skip(4).Take(1)), await IdsAsync(admin, $"/v1/ledger?from={Time(stored[4].StartedAt)}&to={Time(stored[5].StartedAt)}"));
        // Filters combine.
        Assert.Equal([stored[5].RequestId], await IdsAsync(admin, "/v1/ledger?caller=op-filter-b&dataset=filter-ds-1&grant=g-filter-3&district=319802"));
        Assert.Empty(await IdsAsync(admin, "/v1/ledger?caller=op-filter-a&grant=g-filter-3"));
        Assert.Empty(await IdsAsync(admin, $"/v1/ledger?requestId={Guid.NewGuid()}"));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1)]
    [InlineData(50)]
    public async Task Query_PagedByLimitAndNext_GivesEveryRecordOnceInOrder(int limit)
    {
        // Ten calls share each instant, so the cursor has to break ties by request id.
        var at = new DateTimeOffset(2032, 1, 1, 0, 0, 0, Shanghai).AddMonths(limit);
        var stored = await city.WriteCallsAsync(Enumerable.Range(0, 250).Select(i => Call("op-pages", $"pages-ds-{limit}", at.AddTicks(i / 10 * 10))));
        var expected = stored.OrderBy(r => r.StartedAt).ThenBy(r => r.RequestId.ToString("N"), StringComparer.Ordinal).Select(r => r.RequestId).ToList();
        using var bank = city.Client(city.Tokens.Operator("op-pages"));

        var seen = new List<Guid>();
        var pages = 0;
        string? next = null;
        do
        {
            var page = await (await bank.GetAsync($"/v1/ledger?dataset=pages-ds-{limit}&limit={limit}" + (next is null ? "" : $"&after={next}"))).JsonAsync();
            var records = page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("requestId").GetGuid()).ToList();
            next = page.GetProperty("next").GetString();
            Assert.True(records.Count == limit || next is null, $"Page {pages} has {records.Count} records and a next cursor.");
            Assert.NotEmpty(records);
            seen.AddRange(records);
            pages++;
        }
        while (next is not null && pages <= 250);

        Assert.Equal(expected, seen);
        Assert.Equal((250 + limit - 1) / limit, pages);
    }

    [Fact]
    public async Task Query_WithoutLimit_AnswersAHundredAndANextCursor()
    {
        var at = new DateTimeOffset(2033, 6, 1, 0, 0, 0, Shanghai);
        var stored = await city.WriteCallsAsync(Enumerable.Range(0, 120).Select(i => Call("op-default", "default-ds", at.AddSeconds(i))));
        using var admin = city.Admin();

        var first = await (await admin.GetAsync("/v1/ledger?dataset=default-ds")).JsonAsync();
        var rest = await (await admin.GetAsync($"/v1/ledger?dataset=default-ds&after={first.GetProperty("next").GetString()}")).JsonAsync();

        Assert.Equal(Ids(stored.Take(100)), first.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("requestId").GetGuid()));
        Assert.Equal(Ids(stored.Skip(100)), rest.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("requestId").GetGuid()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        Assert.Equal(Ids(stored.Take(1000)), await IdsAsync(admin, "/v1/ledger?dataset=default-ds&limit=1000"));
    }

    [Theory]
    [InlineData("requestId=not-a-guid", "requestId")]
    [InlineData("requestId=%7B00000000-0000-0000-0000-00000000000%7D", "requestId")]
    [InlineData("from=2026-11-01", "from")]
    [InlineData("from=2026-11-01T00:00:00", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01T00:00:00Z", "to")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-01T08:00:00%2B08:00", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=%2B5", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=99999999999999999999", "limit")]
    [InlineData("after=garbage!", "after")]
    [InlineData("after=MTIzNDU", "after")]
    [InlineData("after=OTk5OTk5OTk5OTk5OTk5OTk5OmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZmZm", "after")]
    [InlineData("district=31010", "district")]
    [InlineData("district=3101040", "district")]
    [InlineData("district=31010a", "district")]
    [InlineData("district=%EF%BC%93%EF%BC%91%EF%BC%90%EF%BC%91%EF%BC%90%EF%BC%94", "district")]
    [InlineData("format=xml", "format")]
    [InlineData("format=CSV", "format")]
    public async Task Query_BadParameter_Answers400NamingIt(string query, string parameter)
    {
        using var admin = city.Admin();

        var problem = await (await admin.GetAsync("/v1/ledger?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    internal static void AssertRecord(LedgerRecord expected, JsonElement actual, string? amendment)
    {
        Assert.Equal(expected.RequestId, actual.GetProperty("requestId").GetGuid());
        Assert.Equal(expected.StartedAt, actual.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(expected.EndedAt, actual.GetProperty("endedAt").GetDateTimeOffset());
        Assert.Equal(expected.CallerOrg, actual.GetProperty("callerOrg").GetString());
        Assert.Equal(expected.CallerKind, actual.GetProperty("callerKind").GetString());
        Assert.Equal(expected.CallerDistrict, actual.GetProperty("callerDistrict").GetString());
        Assert.Equal(expected.Dataset, actual.GetProperty("dataset").GetString());
        Assert.Equal(expected.Action, actual.GetProperty("action").GetString());
        Assert.Equal(expected.GrantId, actual.GetProperty("grantId").GetString());
        Assert.Equal(expected.Allowed, actual.GetProperty("allowed").GetBoolean());
        Assert.Equal(expected.Reason, actual.GetProperty("reason").GetString());
        Assert.Equal(expected.Fields, actual.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!));
        Assert.Equal(expected.Districts, actual.GetProperty("districts") is { ValueKind: JsonValueKind.Array } d ? d.EnumerateArray().Select(x => x.GetString()!).ToArray() : null);
        Assert.Equal(expected.Rows, actual.GetProperty("rows").GetInt64());
        Assert.Equal(expected.BytesOut, actual.GetProperty("bytesOut").GetInt64());
        Assert.Equal(expected.Status, actual.GetProperty("status").GetInt32());
        Assert.Equal(expected.UpstreamMilliseconds, actual.GetProperty("upstreamMs") is { ValueKind: JsonValueKind.Number } ms ? ms.GetDouble() : null);
        Assert.Equal(expected.CatalogVersion, actual.GetProperty("catalogVersion").GetInt64());
        Assert.Equal(expected.Billable, actual.GetProperty("billable").GetBoolean());
        Assert.Equal(expected.UnitPrice, actual.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(expected.Amount, actual.GetProperty("amount").GetDecimal());
        Assert.Equal(expected.Complete, actual.GetProperty("complete").GetBoolean());
        Assert.Equal(expected.Chain, actual.GetProperty("chain").GetString());
        Assert.Equal(expected.Seq, actual.GetProperty("seq").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(expected.PrevHash), actual.GetProperty("prevHash").GetString());
        Assert.Equal(Convert.ToHexStringLower(expected.Hash), actual.GetProperty("hash").GetString());
        Assert.Equal(amendment, actual.GetProperty("amendment").GetString());
    }

    private static List<Guid> Ids(IEnumerable<LedgerRecord> records) => records.Select(r => r.RequestId).ToList();

    private static string Time(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<List<Guid>> PageIdsAsync(HttpClient client, string path) =>
        (await (await client.GetAsync(path)).JsonAsync()).GetProperty("records").EnumerateArray().Select(r => r.GetProperty("requestId").GetGuid()).ToList();

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string path)
    {
        var page = await (await client.GetAsync(path)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        return page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("requestId").GetGuid()).ToList();
    }
}
