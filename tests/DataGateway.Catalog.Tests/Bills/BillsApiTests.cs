using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DataGateway.Ledger;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.Bills.BillingCity;

namespace DataGateway.Catalog.Tests.Bills;

/// <summary>
/// Issue 6, point 3: monthly statements made from the call ledger, equal to it to the fen, split between the platform
/// and the owning departments by the revenue share in effect at each call. Each test bills a month of its own, two
/// months from any other's (the reconciliation's calls spill a day into the months either side).
/// </summary>
public class BillsApiTests(BillingCity city) : IClassFixture<BillingCity>
{
    [Fact]
    public async Task Statement_MonthOfGeneratedCalls_ReconcilesWithTheLedgerToTheFen()
    {
        var start = MonthStart(2);
        var end = start.AddMonths(1);
        await city.CreateDatasetAsync("rec-housing", "房屋信息", "dept-housing", 0.10m, 0.05m, 0.3m);
        await city.CreateDatasetAsync("rec-enterprises", "企业登记信息", "dept-market", 0.25m, 0.08m, 0.25m);
        await city.CreateDatasetAsync("rec-credit", "信用名单", "dept-market", 0.07m, 0.03m, 0.4m);
        await city.CreateDatasetAsync("rec-edges", "边界数据", "dept-housing", 0.10m, 0.05m, 0.3m);
        // Mid-month: a price change (and a new share with it), and a share-only change.
        await city.SchedulePriceAsync("rec-enterprises", start.AddDays(14).AddHours(12), 0.30m, 0.09m, 0.35m);
        await city.SchedulePriceAsync("rec-housing", start.AddDays(19), 0.10m, 0.05m, 0.5m);
        var codes = new[] { "rec-housing", "rec-enterprises", "rec-credit" };
        var prices = new Dictionary<string, PriceSchedule>();
        foreach (var code in codes.Append("rec-edges"))
        {
            prices[code] = await city.PricesAsync(code);
        }

        var random = new Random(20261130);
        var calls = new List<LedgerRecord>();
        // A day either side of the month, in whole microseconds as the ledger stores time.
        var span = (long)(end - start).Add(TimeSpan.FromDays(2)).TotalSeconds;
        for (var i = 0; i < 6000; i++)
        {
            var at = start.AddDays(-1).AddSeconds(random.NextInt64(span)).AddTicks(random.Next(1_000_000) * 10L);
            var code = codes[random.Next(codes.Length)];
            var action = random.Next(3) == 0 ? DataAction.Verify : DataAction.Query;
            var caller = random.Next(20) switch { 0 => "district-310104", < 12 => "op-bank", _ => "op-other" };
            var delivered = random.Next(10) != 0;
            calls.Add(Call(caller, code, Name(action), at, prices[code].At(at).For(action), delivered));
        }

        // The month's edges in Shanghai time, on a dataset of their own.
        var utc = TimeSpan.Zero;
        var lastDay = end.AddDays(-1);
        DateTimeOffset[] inside =
        [
            start,                                                                         // 00:00 Shanghai on the 1st
            new(start.Year, start.Month, 1, 0, 0, 0, utc),                                 // 00:00 UTC on the 1st: 08:00 Shanghai
            new(lastDay.Year, lastDay.Month, lastDay.Day, 23, 59, 59, Shanghai),           // 23:59:59 on the last day
            end.AddTicks(-10),                                                             // its last microsecond
        ];
        DateTimeOffset[] outside =
        [
            new(lastDay.Year, lastDay.Month, lastDay.Day, 16, 0, 0, utc),                 // 16:00 UTC on the last day: next month
            start.AddTicks(-10),                                                           // the month before's last microsecond
        ];
        calls.AddRange(inside.Concat(outside).Select(at => Call("op-bank", "rec-edges", "query", at, prices["rec-edges"].At(at).QueryPrice)));

        var stored = await city.WriteCallsAsync(calls);
        var amended = stored.Where(r => r.Billable && random.Next(30) == 0).Select(r => r.RequestId).ToHashSet();
        await city.AmendUndeliveredAsync(amended);

        var counted = stored.Where(r => r.Billable && !amended.Contains(r.RequestId) && r.StartedAt >= start && r.StartedAt < end).ToList();
        Assert.True(counted.Count > 4000, $"Only {counted.Count} calls count; the month would not be much of a test.");
        Assert.Contains(stored, r => r.Billable && amended.Contains(r.RequestId) && r.StartedAt >= start && r.StartedAt < end);
        using var admin = city.Admin();
        var bills = new Dictionary<string, JsonElement>();
        foreach (var op in new[] { "op-bank", "op-other" })
        {
            var bill = bills[op] = await (await admin.GetAsync($"/v1/bills/{op}/{MonthText(start)}")).JsonAsync();
            var mine = counted.Where(r => r.CallerOrg == op).ToList();
            var expected = mine
                .GroupBy(r => (r.Dataset, r.Action, r.UnitPrice, Share: (prices.GetValueOrDefault(r.Dataset!) ?? prices["rec-edges"]).At(r.StartedAt).RevenueShare))
                .Select(g => (g.Key.Dataset, g.Key.Action, g.Key.UnitPrice, g.Key.Share, Calls: (long)g.Count(), Amount: g.Sum(r => r.Amount),
                    Department: decimal.Round(g.Sum(r => r.Amount) * g.Key.Share, 2, MidpointRounding.AwayFromZero)))
                .Order()
                .ToList();
            var lines = bill.GetProperty("lines").EnumerateArray()
                .Select(l => (l.GetProperty("dataset").GetString(), l.GetProperty("action").GetString()!, l.GetProperty("unitPrice").GetDecimal(),
                    l.GetProperty("revenueShare").GetDecimal(), l.GetProperty("calls").GetInt64(), l.GetProperty("amount").GetDecimal(),
                    l.GetProperty("departmentPart").GetDecimal()))
                .Order()
                .ToList();

            Assert.Equal(expected, lines);
            Assert.Equal(mine.Sum(r => r.Amount), bill.GetProperty("total").GetDecimal());
            Assert.Equal(await LedgerSumAsync(op, start, end), bill.GetProperty("total").GetDecimal());
            Assert.Equal(mine.Count, bill.GetProperty("calls").GetInt64());
            Assert.Equal(bill.GetProperty("total").GetDecimal(), bill.GetProperty("departmentPart").GetDecimal() + bill.GetProperty("platformPart").GetDecimal());
            foreach (var line in bill.GetProperty("lines").EnumerateArray())
            {
                Assert.Equal(line.GetProperty("amount").GetDecimal(), line.GetProperty("departmentPart").GetDecimal() + line.GetProperty("platformPart").GetDecimal());
            }

            var departments = bill.GetProperty("departments").EnumerateArray().ToList();
            Assert.Equal(["dept-housing", "dept-market"], departments.Select(d => d.GetProperty("ownerId").GetString()));
            Assert.Equal(bill.GetProperty("departmentPart").GetDecimal(), departments.Sum(d => d.GetProperty("departmentPart").GetDecimal()));
            Assert.Equal(bill.GetProperty("total").GetDecimal(), departments.Sum(d => d.GetProperty("amount").GetDecimal()));
        }

        // Exactly the four calls inside the month's edges count; the two outside do not.
        var edges = bills["op-bank"].GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("dataset").GetString() == "rec-edges");
        Assert.Equal((4L, 0.40m), (edges.GetProperty("calls").GetInt64(), edges.GetProperty("amount").GetDecimal()));
        // A price change mid-month: two lines for each action of that dataset, the old price first.
        var enterpriseQueries = bills["op-bank"].GetProperty("lines").EnumerateArray()
            .Where(l => l.GetProperty("dataset").GetString() == "rec-enterprises" && l.GetProperty("action").GetString() == "query")
            .Select(l => l.GetProperty("unitPrice").GetDecimal());
        Assert.Equal([0.25m, 0.30m], enterpriseQueries);

        var summary = await (await admin.GetAsync($"/v1/bills/{MonthText(start)}")).JsonAsync();
        var operators = summary.GetProperty("operators").EnumerateArray().ToList();
        Assert.Equal(["op-bank", "op-other"], operators.Select(o => o.GetProperty("operatorId").GetString()));
        foreach (var o in operators)
        {
            var bill = bills[o.GetProperty("operatorId").GetString()!];
            Assert.Equal(bill.GetProperty("total").GetDecimal(), o.GetProperty("total").GetDecimal());
            Assert.Equal(bill.GetProperty("departmentPart").GetDecimal(), o.GetProperty("departmentPart").GetDecimal());
        }

        Assert.Equal(counted.Sum(r => r.Amount), summary.GetProperty("total").GetDecimal());
        Assert.Equal(summary.GetProperty("total").GetDecimal(), summary.GetProperty("departmentPart").GetDecimal() + summary.GetProperty("platformPart").GetDecimal());
    }

    [Fact]
    public async Task Statement_PriceChangedMidMonth_HasTwoLinesAtTheTwoPrices()
    {
        var start = MonthStart(4);
        var change = start.AddDays(15);
        await city.CreateDatasetAsync("mid-permits", "规划许可", "dept-housing", 0.10m, 0.05m, 0.3m);
        await city.SchedulePriceAsync("mid-permits", change, 0.12m, 0.05m, 0.3m);
        var prices = await city.PricesAsync("mid-permits");
        Assert.Equal((0.10m, 0.12m), (prices.At(change.AddTicks(-10)).QueryPrice, prices.At(change).QueryPrice));

        var calls = new List<LedgerRecord>();
        calls.AddRange(Enumerable.Range(1, 5).Select(day => Call("op-bank", "mid-permits", "query", start.AddDays(day), prices.At(start.AddDays(day)).QueryPrice)));
        calls.AddRange(Enumerable.Range(0, 3).Select(hour => Call("op-bank", "mid-permits", "query", change.AddHours(hour), prices.At(change.AddHours(hour)).QueryPrice)));
        calls.Add(Call("op-bank", "mid-permits", "verify", change.AddTicks(-10), prices.At(change.AddTicks(-10)).VerifyPrice));
        calls.Add(Call("op-bank", "mid-permits", "verify", change, prices.At(change).VerifyPrice));
        await city.WriteCallsAsync(calls);
        using var bank = city.Client(city.Tokens.Operator("op-bank"));

        var bill = await (await bank.GetAsync($"/v1/bills/op-bank/{MonthText(start)}")).JsonAsync();

        var lines = bill.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("action").GetString(), l.GetProperty("unitPrice").GetDecimal(), l.GetProperty("calls").GetInt64(), l.GetProperty("amount").GetDecimal()));
        // The verify price did not change: one verify line across the change.
        Assert.Equal([("query", 0.10m, 5L, 0.50m), ("query", 0.12m, 3L, 0.36m), ("verify", 0.05m, 2L, 0.10m)], lines);
        Assert.Equal(0.96m, bill.GetProperty("total").GetDecimal());
        var first = bill.GetProperty("lines")[0];
        Assert.Equal(("规划许可", "dept-housing", "市房屋管理局"), (first.GetProperty("title").GetString(), first.GetProperty("ownerId").GetString(), first.GetProperty("ownerName").GetString()));
        Assert.Equal(start.AddDays(1), first.GetProperty("firstCall").GetDateTimeOffset());
    }

    [Fact]
    public async Task SchedulePriceInThePast_IsRefusedAndChangesNoStatement()
    {
        var start = MonthStart(0);
        var now = DateTimeOffset.UtcNow;
        await city.CreateDatasetAsync("past-register", "登记信息", "dept-market", 0.20m, 0.10m, 0.5m);
        await city.WriteCallsAsync(Enumerable.Range(1, 4).Select(i => Call("op-other", "past-register", "query", start + (now - start) * i / 5, 0.20m)));
        using var admin = city.Admin();
        var path = $"/v1/bills/op-other/{MonthText(start)}";
        var before = await (await admin.GetAsync(path)).JsonAsync();

        var response = await admin.PostAsync("/v1/datasets/past-register/prices", new StringContent(
            $$"""{"queryPrice": 0.01, "verifyPrice": 0.01, "revenueShare": 0.9, "effectiveFrom": "{{start:yyyy-MM-dd'T'HH:mm:sszzz}}"}""", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "price_effective_too_early");
        var after = await (await admin.GetAsync(path)).JsonAsync();
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal(0.80m, after.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("dataset").GetString() == "past-register").GetProperty("amount").GetDecimal());
        Assert.Single((await (await admin.GetAsync("/v1/datasets/past-register/prices")).JsonAsync()).GetProperty("prices").EnumerateArray());
    }

    [Fact]
    public async Task Statement_AsCsv_HasABomChineseTitlesAndParsesBackToTheSameTotals()
    {
        var start = MonthStart(6);
        await city.CreateDatasetAsync("csv-enterprises", "企业名单,含\"引号\"", "dept-market", 0.25m, 0.08m, 0.25m);
        await city.CreateDatasetAsync("csv-housing", "房屋信息", "dept-housing", 0.10m, 0.05m, 0.3m);
        await city.SchedulePriceAsync("csv-housing", start.AddDays(10), 0.15m, 0.05m, 0.3m);
        var housing = await city.PricesAsync("csv-housing");
        var random = new Random(4);
        var calls = Enumerable.Range(0, 300).Select(i =>
        {
            var at = start.AddMinutes(random.Next(28 * 24 * 60));
            var verify = i % 3 == 0;
            return i % 2 == 0
                ? Call("op-bank", "csv-enterprises", verify ? "verify" : "query", at, verify ? 0.08m : 0.25m)
                : Call("op-bank", "csv-housing", verify ? "verify" : "query", at, housing.At(at).For(verify ? DataAction.Verify : DataAction.Query));
        });
        await city.WriteCallsAsync(calls);
        using var bank = city.Client(city.Tokens.Operator("op-bank"));
        var path = $"/v1/bills/op-bank/{MonthText(start)}";
        var json = await (await bank.GetAsync(path)).JsonAsync();

        var response = await bank.GetAsync(path + "?format=csv");
        using var negotiated = new HttpRequestMessage(HttpMethod.Get, path);
        negotiated.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var byAccept = await (await bank.SendAsync(negotiated)).Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, byAccept);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = CsvTable.Parse(new UTF8Encoding(false).GetString(bytes[3..]));
        Assert.Equal(
            ["账单月份", "运营机构", "数据集编码", "数据集", "数据提供部门", "操作", "单价（元）", "调用次数", "金额（元）", "部门分成比例", "部门分成（元）", "平台分成（元）", "首次调用时间", "末次调用时间"],
            rows[0]);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        var lines = rows.Skip(1).Where(r => r[2].Length > 0).ToList();
        var jsonLines = json.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(jsonLines.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var l = jsonLines[i];
            Assert.Equal(
                [MonthText(start), "某银行", l.GetProperty("dataset").GetString()!, l.GetProperty("title").GetString()!, l.GetProperty("ownerName").GetString()!,
                 l.GetProperty("action").GetString() == "query" ? "查询" : "核验", Money(l, "unitPrice"), l.GetProperty("calls").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                 Money(l, "amount"), l.GetProperty("revenueShare").GetDecimal().ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), Money(l, "departmentPart"), Money(l, "platformPart")],
                lines[i][..12]);
        }

        Assert.Contains(lines, l => l[3] == "企业名单,含\"引号\"");
        // Queries at the two prices; verify calls kept their price and share, so they stay one line.
        Assert.Equal(3, lines.Count(l => l[2] == "csv-housing"));
        var subtotals = rows.Where(r => r[2].Length == 0 && r[3] == "部门小计").ToList();
        // In the order of the departments' ids, as in the JSON.
        Assert.Equal(["市房屋管理局", "市市场监督管理局"], subtotals.Select(r => r[4]));
        var total = rows.Single(r => r[2].Length == 0 && r[3] == "合计");
        Assert.Equal(json.GetProperty("total").GetDecimal(), decimal.Parse(total[8], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(json.GetProperty("total").GetDecimal(), lines.Sum(l => decimal.Parse(l[8], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(json.GetProperty("departmentPart").GetDecimal(), decimal.Parse(total[10], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(json.GetProperty("platformPart").GetDecimal(), decimal.Parse(total[11], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(json.GetProperty("calls").GetInt64(), long.Parse(total[7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            decimal.Parse(total[10], System.Globalization.CultureInfo.InvariantCulture),
            subtotals.Sum(s => decimal.Parse(s[10], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Statement_Access_OperatorReadsItsOwnAdminReadsAnyOthersAreRefused()
    {
        var month = MonthText(MonthStart(1));
        using var bank = city.Client(city.Tokens.Operator("op-bank"));
        using var admin = city.Admin();
        using var district = city.Client(city.Tokens.District("310104"));
        using var department = city.Client(city.Tokens.Mint("dept-housing", "department"));

        var own = await (await bank.GetAsync($"/v1/bills/op-bank/{month}")).JsonAsync();
        await (await admin.GetAsync($"/v1/bills/op-other/{month}")).JsonAsync();
        var quiet = await (await admin.GetAsync($"/v1/bills/op-quiet/{month}")).JsonAsync();

        Assert.Equal(("op-bank", "某银行", month), (own.GetProperty("operatorId").GetString(), own.GetProperty("operatorName").GetString(), own.GetProperty("month").GetString()));
        Assert.Equal(TimeSpan.FromHours(8), own.GetProperty("from").GetDateTimeOffset().Offset);
        Assert.Equal((0, 0m), (quiet.GetProperty("lines").GetArrayLength(), quiet.GetProperty("total").GetDecimal()));
        await (await bank.GetAsync($"/v1/bills/op-other/{month}")).AssertProblemAsync(HttpStatusCode.Forbidden, "bill_not_own");
        // Refused before the lookup: an operator cannot probe which operators exist.
        await (await bank.GetAsync($"/v1/bills/op-nobody/{month}")).AssertProblemAsync(HttpStatusCode.Forbidden, "bill_not_own");
        await (await bank.GetAsync($"/v1/bills/op-other/{month}?format=csv")).AssertProblemAsync(HttpStatusCode.Forbidden, "bill_not_own");
        await (await district.GetAsync($"/v1/bills/op-bank/{month}")).AssertProblemAsync(HttpStatusCode.Forbidden, "bill_not_own");
        await (await department.GetAsync($"/v1/bills/op-bank/{month}")).AssertProblemAsync(HttpStatusCode.Forbidden, "bill_not_own");
        await (await department.GetAsync($"/v1/bills/dept-housing/{month}")).AssertProblemAsync(HttpStatusCode.Forbidden, "bill_not_own");
        await (await bank.GetAsync($"/v1/bills/{month}")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        await (await admin.GetAsync($"/v1/bills/op-nobody/{month}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.GetAsync($"/v1/bills/district-310104/{month}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("/v1/bills/op-bank/2026-13", "month")]
    [InlineData("/v1/bills/op-bank/2026-1", "month")]
    [InlineData("/v1/bills/op-bank/11-2026", "month")]
    [InlineData("/v1/bills/op-bank/2026-11?format=xml", "format")]
    [InlineData("/v1/bills/2026-00", "month")]
    public async Task Statement_BadMonthOrFormat_Is400NamingIt(string path, string field)
    {
        using var admin = city.Admin();

        var problem = await (await admin.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Statement_DatasetDeletedSince_IsStillNamedAndItsOwnerStillPaid()
    {
        var start = MonthStart(8);
        await city.CreateDatasetAsync("gone-permits", "已撤销的数据", "dept-market", 0.10m, 0.05m, 0.4m);
        await city.WriteCallsAsync(Enumerable.Range(1, 3).Select(day => Call("op-other", "gone-permits", "query", start.AddDays(day), 0.10m)));
        using var admin = city.Admin();
        (await admin.DeleteAsync("/v1/datasets/gone-permits")).EnsureSuccessStatusCode();

        var bill = await (await admin.GetAsync($"/v1/bills/op-other/{MonthText(start)}")).JsonAsync();

        var line = bill.GetProperty("lines").EnumerateArray().Single();
        Assert.Equal(("已撤销的数据", "dept-market", "市市场监督管理局"), (line.GetProperty("title").GetString(), line.GetProperty("ownerId").GetString(), line.GetProperty("ownerName").GetString()));
        Assert.Equal((0.30m, 0.12m, 0.18m), (line.GetProperty("amount").GetDecimal(), line.GetProperty("departmentPart").GetDecimal(), line.GetProperty("platformPart").GetDecimal()));
    }

    private static string Name(DataAction action) => action == DataAction.Verify ? "verify" : "query";

    private static string Money(JsonElement line, string property) =>
        line.GetProperty(property).GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The ledger's own sum of what counts, straight from PostgreSQL.</summary>
    private async Task<decimal> LedgerSumAsync(string operatorId, DateTimeOffset from, DateTimeOffset to)
    {
        await using var command = city.DataSource.CreateCommand(
            """
            select coalesce(sum(amount), 0) from ledger_records r
            where caller_org = @op and billable and started_at >= @from and started_at < @to
              and not exists (select 1 from ledger_amendments a where a.request_id = r.request_id)
            """);
        command.Parameters.AddWithValue("op", operatorId);
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
        return (decimal)(await command.ExecuteScalarAsync())!;
    }
}
