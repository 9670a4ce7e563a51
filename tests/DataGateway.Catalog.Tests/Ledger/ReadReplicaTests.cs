using System.Net;
using System.Text.Json;
using DataGateway.Ledger;
using DataGateway.Testing;
using Npgsql;
using Xunit.Abstractions;
using static DataGateway.Catalog.Tests.Ledger.LedgerCity;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// Issue 16, point 5: with <c>DataGateway:Catalog:ReadConnectionString</c> naming a real streaming standby, the ledger's
/// queries (pages, filters, CSV), the bills and the access report answer from the standby once it has replayed the
/// records written on the primary; they answer what the standby has (replay paused: the primary's newer records are
/// not in them), and 503 <c>read_replica_unavailable</c> while it is down, when writes and the other endpoints go on.
/// Each test uses callers, datasets and a month of its own.
/// </summary>
public class ReadReplicaTests(ReplicaCity city, ITestOutputHelper output) : IClassFixture<ReplicaCity>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task LedgerBillsAndAccessReport_OnTheStandby_AnswerTheRecordsOnceReplayed()
    {
        var at = new DateTimeOffset(2030, 7, 1, 9, 0, 0, Shanghai);
        var stored = await city.WriteCallsAsync(
        [
            Call("op-own-a", "rr-ds", at, r => r with { Districts = ["319702"], Rows = 4 }),
            Call("op-own-a", "rr-ds", at.AddHours(1), r => r with { UnitPrice = 0.25m, Amount = 0.25m }),
            Call("op-own-a", "rr-ds", at.AddHours(2)),
            Call("district-319702", "rr-ds", at.AddHours(3), r => r with { Rows = 6 }),
            Call("op-own-a", "rr-other", at.AddHours(4), r => r with { Action = "verify", Rows = 0, UnitPrice = 0.05m, Amount = 0.05m }),
            Call("op-own-a", "rr-ds", at.AddMonths(1)),
        ]);
        await city.AmendUndeliveredAsync(stored[2].RequestId);
        var replay = System.Diagnostics.Stopwatch.StartNew();
        await city.Standby.WaitForReplayAsync();
        // Reported, not asserted: how far behind a standby over loopback is depends on the machine.
        output.WriteLine($"standby replayed the primary's WAL {replay.Elapsed.TotalMilliseconds:0.0} ms after the last commit");
        using var admin = city.Admin();

        // Every record, oldest first, every field as sealed; the amendment joined in beside its record.
        var page = await (await admin.GetAsync("/v1/ledger?dataset=rr-ds")).JsonAsync();
        var records = page.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(Ids(stored.Where(r => r.Dataset == "rr-ds")), records.Select(r => r.GetProperty("requestId").GetGuid()));
        Assert.Equal(Convert.ToHexStringLower(stored[0].Hash), records[0].GetProperty("hash").GetString());
        Assert.Equal(stored[0].Chain, records[0].GetProperty("chain").GetString());
        Assert.Equal(["319702"], records[0].GetProperty("districts").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("undelivered", records[2].GetProperty("amendment").GetString());
        // Filters and paging, as on the primary.
        Assert.Equal(Ids(stored.Where(r => r.CallerOrg == "district-319702")), await IdsAsync(admin, "/v1/ledger?caller=district-319702&dataset=rr-ds"));
        Assert.Equal(Ids(stored.Take(1).Concat(stored.Skip(3).Take(1))), await IdsAsync(admin, "/v1/ledger?district=319702&dataset=rr-ds"));
        Assert.Equal(Ids(stored.Skip(1).Take(2)), await IdsAsync(admin, $"/v1/ledger?dataset=rr-ds&from={Time(stored[1].StartedAt)}&to={Time(stored[3].StartedAt)}"));
        Assert.Equal(Ids(stored.Where(r => r.Dataset == "rr-ds")), await PagedIdsAsync(admin, "/v1/ledger?dataset=rr-ds&limit=2"));
        using var own = city.Client(city.Tokens.Operator("op-own-a"));
        Assert.Equal(Ids(stored.Where(r => r.CallerOrg == "op-own-a")), await IdsAsync(own, "/v1/ledger?caller=op-own-a"));
        var csv = await admin.GetStringAsync("/v1/ledger?dataset=rr-ds&format=csv");
        Assert.Equal(1 + 5, csv.TrimEnd('\n').Split('\n').Length);
        Assert.All(stored.Where(r => r.Dataset == "rr-ds"), r => Assert.Contains(r.RequestId.ToString("N"), csv, StringComparison.Ordinal));

        // The statement: the month's billable calls but the undelivered one, at the ledger's prices; the name from the
        // catalog's documents on the standby.
        var bill = await (await own.GetAsync("/v1/bills/op-own-a/2030-07")).JsonAsync();
        Assert.Equal(("op-own-a", "测试机构 op-own-a"), (bill.GetProperty("operatorId").GetString(), bill.GetProperty("operatorName").GetString()));
        Assert.Equal((3L, 0.40m), (bill.GetProperty("calls").GetInt64(), bill.GetProperty("total").GetDecimal()));
        Assert.Equal(
            [("rr-ds", "query", 0.10m, 1L, 0.10m), ("rr-ds", "query", 0.25m, 1L, 0.25m), ("rr-other", "verify", 0.05m, 1L, 0.05m)],
            Lines(bill).Order());
        var summary = await (await admin.GetAsync("/v1/bills/2030-07")).JsonAsync();
        var total = summary.GetProperty("operators").EnumerateArray().Single(o => o.GetProperty("operatorId").GetString() == "op-own-a");
        Assert.Equal(0.40m, total.GetProperty("total").GetDecimal());
        var august = await (await admin.GetAsync("/v1/bills/op-own-a/2030-08")).JsonAsync();
        Assert.Equal((1L, 0.10m), (august.GetProperty("calls").GetInt64(), august.GetProperty("total").GetDecimal()));

        // Who received the district's rows: scoped to it, unscoped, and the district itself.
        var report = await (await admin.GetAsync("/v1/ledger/access-report?dataset=rr-ds&district=319702&to=2030-08-01T00:00:00%2B08:00")).JsonAsync();
        Assert.Equal(
            [
                ("district-319702", "all", 1L, 6L),
                ("op-own-a", "all", 2L, 20L),
                ("op-own-a", "district", 1L, 4L),
            ],
            report.GetProperty("recipients").EnumerateArray()
                .Select(l => (l.GetProperty("callerOrg").GetString()!, l.GetProperty("scope").GetString()!, l.GetProperty("calls").GetInt64(), l.GetProperty("rows").GetInt64())));
    }

    [Fact]
    public async Task Standby_ReplayPaused_AnswersWhatItHasReplayedAndCatchesUp()
    {
        var at = new DateTimeOffset(2030, 9, 1, 9, 0, 0, Shanghai);
        var before = await city.WriteCallsAsync([Call("op-own-b", "rr-lag", at)]);
        await city.Standby.WaitForReplayAsync();
        using var admin = city.Admin();
        await city.Standby.PauseReplayAsync();
        IReadOnlyList<LedgerRecord> after;
        try
        {
            after = await city.WriteCallsAsync([Call("op-own-b", "rr-lag", at.AddMinutes(1))]);
            Assert.Equal(2L, await PrimaryCountAsync("rr-lag"));

            // The primary holds both calls; every read the catalog answers has only the one the standby replayed, which
            // shows where the reads ran, and what a replica that lags answers: older data, never wrong data.
            Assert.Equal(Ids(before), await IdsAsync(admin, "/v1/ledger?dataset=rr-lag"));
            var bill = await (await admin.GetAsync("/v1/bills/op-own-b/2030-09")).JsonAsync();
            Assert.Equal((1L, 0.10m), (bill.GetProperty("calls").GetInt64(), bill.GetProperty("total").GetDecimal()));
            var report = await (await admin.GetAsync("/v1/ledger/access-report?dataset=rr-lag&district=319702")).JsonAsync();
            Assert.Equal(1L, report.GetProperty("recipients")[0].GetProperty("calls").GetInt64());
        }
        finally
        {
            await city.Standby.ResumeReplayAsync();
        }

        await city.Standby.WaitForReplayAsync();
        Assert.Equal(Ids(before.Concat(after)), await IdsAsync(admin, "/v1/ledger?dataset=rr-lag"));
        var caughtUp = await (await admin.GetAsync("/v1/bills/op-own-b/2030-09")).JsonAsync();
        Assert.Equal((2L, 0.20m), (caughtUp.GetProperty("calls").GetInt64(), caughtUp.GetProperty("total").GetDecimal()));
    }

    [Fact]
    public async Task Standby_Down_ReadsAnswer503ReadReplicaUnavailable_WritesAndOtherEndpointsGoOn()
    {
        var at = new DateTimeOffset(2030, 10, 1, 9, 0, 0, Shanghai);
        var before = await city.WriteCallsAsync([Call("op-csv-a", "rr-down", at)]);
        await city.Standby.WaitForReplayAsync();
        using var admin = city.Admin();
        Assert.Equal(Ids(before), await IdsAsync(admin, "/v1/ledger?dataset=rr-down"));
        city.Standby.Stop();
        IReadOnlyList<LedgerRecord> during;
        try
        {
            foreach (var path in new[]
            {
                "/v1/ledger?dataset=rr-down", "/v1/ledger?dataset=rr-down&format=csv", "/v1/ledger/access-report?dataset=rr-down&district=319702",
                "/v1/bills/op-csv-a/2030-10", "/v1/bills/op-csv-a/2030-10?format=csv", "/v1/bills/2030-10",
            })
            {
                var refused = await admin.GetAsync(path);
                var problem = await refused.AssertEdgeProblemAsync(HttpStatusCode.ServiceUnavailable, "read_replica_unavailable");
                Assert.Equal(("只读副本暂不可用", 503), (problem.GetProperty("title").GetString(), problem.GetProperty("status").GetInt32()));
                Assert.StartsWith("调用台账、账单和数据去向报告在只读副本上查询", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.Equal("5", refused.Headers.RetryAfter?.ToString());
            }

            using var english = new HttpRequestMessage(HttpMethod.Get, "/v1/ledger?dataset=rr-down");
            english.Headers.TryAddWithoutValidation("Accept-Language", "en");
            var en = await (await admin.SendAsync(english)).AssertEdgeProblemAsync(HttpStatusCode.ServiceUnavailable, "read_replica_unavailable");
            Assert.Equal("The read replica is unavailable.", en.GetProperty("title").GetString());
            Assert.StartsWith("Ledger queries, bills and the access report run on the read replica", en.GetProperty("detail").GetString(), StringComparison.Ordinal);

            // Bad input is still refused as such, before any database is asked.
            await (await admin.GetAsync("/v1/ledger?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

            // The primary serves everything else: a catalog write, reads of the catalog, the ledger's own writes, its
            // verification and readiness.
            await city.AdminPostAsync("/v1/organizations", new { id = "op-while-replica-down", name = "副本停机时登记", kind = "operator", licensedDomains = new[] { "finance" } });
            var registered = await (await admin.GetAsync("/v1/organizations/op-while-replica-down")).JsonAsync();
            Assert.Equal("副本停机时登记", registered.GetProperty("name").GetString());
            during = await city.WriteCallsAsync([Call("op-csv-a", "rr-down", at.AddMinutes(1))]);
            var verified = await (await admin.PostAsync("/v1/ledger/verify", null)).JsonAsync();
            Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/readyz")).StatusCode);
        }
        finally
        {
            city.Standby.Start();
        }

        // Back up: it streams what it missed, and the reads answer again (the pool drops the connections the stop broke).
        await city.Standby.WaitForReplayAsync();
        Assert.Equal(Ids(before.Concat(during)), await EventuallyIdsAsync(admin, "/v1/ledger?dataset=rr-down"));
        var bill = await (await admin.GetAsync("/v1/bills/op-csv-a/2030-10")).JsonAsync();
        Assert.Equal((2L, 0.20m), (bill.GetProperty("calls").GetInt64(), bill.GetProperty("total").GetDecimal()));
        var summary = await (await admin.GetAsync("/v1/bills/2030-10")).JsonAsync();
        Assert.Contains(summary.GetProperty("operators").EnumerateArray(), o => o.GetProperty("operatorId").GetString() == "op-csv-a");
    }

    private async Task<long> PrimaryCountAsync(string dataset)
    {
        await using var command = city.DataSource.CreateCommand("select count(*) from ledger_records where dataset = $1");
        command.Parameters.AddWithValue(dataset);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static IEnumerable<(string, string, decimal, long, decimal)> Lines(JsonElement bill) =>
        bill.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("dataset").GetString()!, l.GetProperty("action").GetString()!,
            l.GetProperty("unitPrice").GetDecimal(), l.GetProperty("calls").GetInt64(), l.GetProperty("amount").GetDecimal()));

    private static List<Guid> Ids(IEnumerable<LedgerRecord> records) => [.. records.Select(r => r.RequestId)];

    private static string Time(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-ddTHH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string path)
    {
        var page = await (await client.GetAsync(path)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        return [.. page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("requestId").GetGuid())];
    }

    /// <summary>Every page by its <c>next</c> cursor: each full but the last.</summary>
    private static async Task<List<Guid>> PagedIdsAsync(HttpClient client, string path)
    {
        var ids = new List<Guid>();
        for (string? next = ""; next is not null;)
        {
            var page = await (await client.GetAsync(path + (next.Length == 0 ? "" : "&after=" + Uri.EscapeDataString(next)))).JsonAsync();
            var records = page.GetProperty("records").EnumerateArray().ToList();
            next = page.GetProperty("next").GetString();
            Assert.True(next is null || records.Count == 2, page.ToString());
            ids.AddRange(records.Select(r => r.GetProperty("requestId").GetGuid()));
        }

        return ids;
    }

    /// <summary>The first answer that is not 503, within a generous bound: a restarted standby's first sessions may still meet a connection the stop broke.</summary>
    private static async Task<List<Guid>> EventuallyIdsAsync(HttpClient client, string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                var page = await response.JsonAsync();
                return [.. page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("requestId").GetGuid())];
            }

            await Task.Delay(50);
        }
    }
}
