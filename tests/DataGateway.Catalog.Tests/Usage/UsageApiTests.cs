using System.Net;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Usage;

/// <summary>
/// Issue 17, point 5: <c>GET /v1/usage</c> over HTTP — the aggregates over the ledger's calls of a period of Shanghai
/// days, each filter, a non-admin's own calls only, the period's bounds and Shanghai's midnights, a caller's quota today,
/// and every bad parameter answered as a problem naming it.
/// </summary>
public class UsageApiTests(UsageCity city) : IClassFixture<UsageCity>
{
    private const string Period = "from=2030-06-01&to=2030-06-03";

    [Fact]
    public async Task Report_Admin_SumsEveryCallersCallsOfThePeriod()
    {
        using var admin = city.Admin();

        var report = await (await admin.GetAsync("/v1/usage?" + Period)).JsonAsync();

        Assert.Equal(("2030-06-01", "2030-06-03"), (report.GetProperty("from").GetString(), report.GetProperty("to").GetString()));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("caller").ValueKind);
        Assert.Equal((8L, 44L), (report.GetProperty("calls").GetInt64(), report.GetProperty("rows").GetInt64()));
        Assert.Equal(
            [("2030-06-01", "use-housing", 2L), ("2030-06-01", "use-parking", 2L), ("2030-06-02", "use-housing", 1L), ("2030-06-02", "use-parking", 1L), ("2030-06-03", "use-housing", 2L)],
            Days(report));
        Assert.Equal(
            [("op-use-a", "用量银行", "operator", 4L, 4L, 27L), ("op-use-b", "用量出行", "operator", 3L, 1L, 10L), ("district-319801", "用量区", "district", 1L, 1L, 7L)],
            report.GetProperty("callers").EnumerateArray().Select(c => (c.GetProperty("caller").GetString(), c.GetProperty("name").GetString(), c.GetProperty("kind").GetString(),
                c.GetProperty("calls").GetInt64(), c.GetProperty("allowed").GetInt64(), c.GetProperty("rows").GetInt64())));
        Assert.Equal(
            [(true, "granted", 6L), (false, "grant_revoked", 1L), (false, "quota_exceeded", 1L)],
            report.GetProperty("decisions").EnumerateArray().Select(d => (d.GetProperty("allowed").GetBoolean(), d.GetProperty("reason").GetString(), d.GetProperty("calls").GetInt64())));
        Assert.Equal(
            [("use-housing", "房屋信息", 5L, 32L), ("use-parking", "停车场泊位", 3L, 12L)],
            report.GetProperty("topDatasets").EnumerateArray().Select(d => (d.GetProperty("dataset").GetString(), d.GetProperty("title").GetString(), d.GetProperty("calls").GetInt64(), d.GetProperty("rows").GetInt64())));
        Assert.Equal([("319801", 7L, 40L), ("319802", 0L, 6L)], Districts(report));
        Assert.Empty(report.GetProperty("quotas").EnumerateArray());
    }

    [Fact]
    public async Task Report_ShanghaisMidnights_BoundTheDays()
    {
        using var admin = city.Admin();

        var first = await (await admin.GetAsync("/v1/usage?from=2030-06-01&to=2030-06-01&dataset=use-parking")).JsonAsync();
        var may = await (await admin.GetAsync("/v1/usage?from=2030-05-31&to=2030-05-31")).JsonAsync();
        var third = await (await admin.GetAsync("/v1/usage?from=2030-06-03&to=2030-06-03&caller=op-use-b")).JsonAsync();
        var fourth = await (await admin.GetAsync("/v1/usage?from=2030-06-04&to=2030-06-04")).JsonAsync();

        // 00:00:00 on 1 June (16:00 UTC the day before) is 1 June's; 23:59:59 on 31 May is May's.
        Assert.Equal([("2030-06-01", "use-parking", 2L)], Days(first));
        Assert.Equal([("2030-05-31", "use-parking", 1L)], Days(may));
        Assert.Equal([("2030-06-03", "use-housing", 1L)], Days(third));
        Assert.Equal([("2030-06-04", "use-housing", 1L)], Days(fourth));
    }

    [Fact]
    public async Task Report_CallerFilter_IsThatCallersCallsWithItsQuotasToday()
    {
        using var admin = city.Admin();

        var report = await (await admin.GetAsync("/v1/usage?caller=op-use-a&" + Period)).JsonAsync();

        Assert.Equal("op-use-a", report.GetProperty("caller").GetString());
        Assert.Equal(4L, report.GetProperty("calls").GetInt64());
        Assert.Equal([("2030-06-01", "use-housing", 1L), ("2030-06-01", "use-parking", 2L), ("2030-06-02", "use-housing", 1L)], Days(report));
        Assert.Equal(["op-use-a"], report.GetProperty("callers").EnumerateArray().Select(c => c.GetProperty("caller").GetString()));
        Assert.Empty(report.GetProperty("districts").EnumerateArray());
        // Today's: three calls admitted under the grant (a verify too), the refused one not.
        Assert.Equal([(city.GrantId, "use-housing", "active", (long?)UsageCity.DailyQuota, 3L, (long?)UsageCity.DailyQuota - 3)], Quotas(report));
    }

    [Fact]
    public async Task Report_DatasetFilter_IsThatDatasetsCallsAndPushes()
    {
        using var admin = city.Admin();

        var report = await (await admin.GetAsync("/v1/usage?dataset=use-parking&" + Period)).JsonAsync();

        Assert.Equal("use-parking", report.GetProperty("dataset").GetString());
        Assert.Equal(3L, report.GetProperty("calls").GetInt64());
        Assert.Equal([("2030-06-01", "use-parking", 2L), ("2030-06-02", "use-parking", 1L)], Days(report));
        Assert.Equal(["use-parking"], report.GetProperty("topDatasets").EnumerateArray().Select(d => d.GetProperty("dataset").GetString()));
        Assert.Equal([("319802", 0L, 6L)], Districts(report));
    }

    [Fact]
    public async Task Report_NonAdmin_SeesItsOwnCallsOnly()
    {
        using var bank = city.Client(city.Tokens.Operator("op-use-b"));
        using var district = city.Client(city.Tokens.District("319801"));
        using var grantee = city.Client(city.Tokens.Operator("op-use-a"));

        var own = await (await bank.GetAsync("/v1/usage?" + Period)).JsonAsync();
        var named = await (await bank.GetAsync("/v1/usage?caller=op-use-b&" + Period)).JsonAsync();
        var districts = await (await district.GetAsync("/v1/usage?" + Period)).JsonAsync();
        var quotas = await (await grantee.GetAsync("/v1/usage")).JsonAsync();

        Assert.Equal(("op-use-b", 3L), (own.GetProperty("caller").GetString(), own.GetProperty("calls").GetInt64()));
        Assert.Equal(["op-use-b"], own.GetProperty("callers").EnumerateArray().Select(c => c.GetProperty("caller").GetString()));
        Assert.Empty(own.GetProperty("quotas").EnumerateArray());
        Assert.Equal(3L, named.GetProperty("calls").GetInt64());
        Assert.Equal([("319801", 7L, 40L)], Districts(districts));
        Assert.Equal([(city.GrantId, "use-housing", "active", (long?)UsageCity.DailyQuota, 3L, (long?)UsageCity.DailyQuota - 3)], Quotas(quotas));
        var problem = await (await bank.GetAsync("/v1/usage?caller=op-use-a&" + Period)).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "usage_not_own");
        Assert.Contains("管理员", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Report_NoPeriod_IsTheLast30DaysUpToTodayInShanghai()
    {
        using var admin = city.Admin();
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(UsageCity.Shanghai).DateTime);

        var report = await (await admin.GetAsync("/v1/usage")).JsonAsync();

        Assert.Equal(today.AddDays(-29).ToString("yyyy-MM-dd"), report.GetProperty("from").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), report.GetProperty("to").GetString());
        Assert.Equal(4L, report.GetProperty("calls").GetInt64());
        var ninetyTwo = await admin.GetAsync("/v1/usage?from=2030-06-01&to=2030-08-31");
        Assert.Equal("2030-08-31", (await ninetyTwo.JsonAsync()).GetProperty("to").GetString());
    }

    [Theory]
    [InlineData("from=2030-06-01&to=2030-09-01", "to")]
    [InlineData("from=2030-06-02&to=2030-06-01", "to")]
    [InlineData("from=2030/06/01&to=2030-06-03", "from")]
    [InlineData("from=2030-06-01T00:00:00Z", "from")]
    [InlineData("to=2030-02-30", "to")]
    [InlineData("from=1999-12-31&to=2000-01-01", "from")]
    [InlineData("to=3000-01-01", "to")]
    [InlineData("from=soon&to=later", "from")]
    public async Task Report_BadPeriod_Answers400NamingTheParameter(string query, string parameter)
    {
        using var admin = city.Admin();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var problem = await (await admin.GetAsync("/v1/usage?" + query)).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.ToString());
        Assert.Matches("^must ", messages[0].GetString());
    }

    [Fact]
    public async Task Report_BadPeriod_SaysWhyInChinese()
    {
        using var admin = city.Admin();

        var tooLong = await (await admin.GetAsync("/v1/usage?from=2030-06-01&to=2030-09-01")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var notADate = await (await admin.GetAsync("/v1/usage?from=2030-6-1")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal("统计时段最长 92 天（from 至 to，含首尾两日）。", tooLong.GetProperty("errors").GetProperty("to")[0].GetString());
        Assert.StartsWith("须为 yyyy-MM-dd 格式的日期", notADate.GetProperty("errors").GetProperty("from")[0].GetString());
    }

    [Fact]
    public async Task Report_PeriodInADetachedMonth_Answers410()
    {
        using var admin = city.Admin();

        var problem = await (await admin.GetAsync("/v1/usage?from=2029-01-10&to=2029-01-20")).AssertProblemAsync(HttpStatusCode.Gone, "ledger_month_archived");

        Assert.Contains("ledger-2029-01.jsonl.gz", problem.GetProperty("detail").GetString());
    }

    private static List<(string?, string?, long)> Days(JsonElement report) =>
        [.. report.GetProperty("days").EnumerateArray().Select(d => (d.GetProperty("day").GetString(), d.GetProperty("dataset").GetString(), d.GetProperty("calls").GetInt64()))];

    private static List<(string?, long, long)> Districts(JsonElement report) =>
        [.. report.GetProperty("districts").EnumerateArray().Select(d => (d.GetProperty("district").GetString(), d.GetProperty("pulled").GetInt64(), d.GetProperty("pushed").GetInt64()))];

    private static List<(string?, string?, string?, long?, long, long?)> Quotas(JsonElement report) =>
        [.. report.GetProperty("quotas").EnumerateArray().Select(q => (q.GetProperty("grantId").GetString(), q.GetProperty("dataset").GetString(), q.GetProperty("state").GetString(),
            q.GetProperty("dailyQuota").ValueKind == JsonValueKind.Null ? (long?)null : q.GetProperty("dailyQuota").GetInt64(), q.GetProperty("usedToday").GetInt64(),
            q.GetProperty("left").ValueKind == JsonValueKind.Null ? (long?)null : q.GetProperty("left").GetInt64()))];
}
