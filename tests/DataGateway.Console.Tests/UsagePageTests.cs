using System.Text;
using System.Text.Json;
using DataGateway.Testing;
using Microsoft.Playwright;
using static DataGateway.Console.Tests.ConsoleSteps;

namespace DataGateway.Console.Tests;

/// <summary>
/// Usage and bills in a real chromium over a catalog whose ledger holds today's calls: the admin's charts with their
/// tables matching GET /v1/usage, the caller filter, a period too long refused next to its field, an operator's own
/// usage and quota left today, the month's bills with a statement and its CSV, and an archived month in plain words.
/// </summary>
public sealed class UsagePageTests(ConsoleUsageCity city, Chromium chromium) : IClassFixture<ConsoleUsageCity>, IClassFixture<Chromium>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, ".data", "screenshots");
    private static readonly string[] Panels = ["per-day", "per-caller", "top-datasets", "decisions", "districts"];

    [Fact]
    public async Task Admin_SeesEveryChartWithTablesThatMatchTheApi_AndFiltersChangeThem()
    {
        using var admin = city.Admin();
        var api = await (await admin.GetAsync("/v1/usage")).JsonAsync();
        await using var recorded = await RecordedPage.OpenAsync(chromium, city.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, city.Tokens.Admin(), "/console/usage");
            foreach (var panel in Panels)
            {
                await Assertions.Expect(page.Locator($"[data-test={panel}-chart] canvas").First).ToBeVisibleAsync();
            }

            await Assertions.Expect(page.Locator("[data-test=total-calls]")).ToHaveTextAsync(api.GetProperty("calls").GetInt64().ToString());
            await Assertions.Expect(page.Locator(".el-loading-mask")).ToHaveCountAsync(0);
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "usage.png"), FullPage = true });

            // Each table alternative holds the API's numbers.
            foreach (var panel in Panels)
            {
                await page.Locator($"[data-test={panel}-toggle]").ClickAsync();
            }

            var callers = page.Locator("[data-test=per-caller-table] tbody tr");
            await Assertions.Expect(callers).ToHaveCountAsync(api.GetProperty("callers").GetArrayLength());
            var i = 0;
            foreach (var caller in api.GetProperty("callers").EnumerateArray())
            {
                await Assertions.Expect(callers.Nth(i).Locator("td")).ToHaveTextAsync(
                    [caller.GetProperty("name").GetString()!, caller.GetProperty("caller").GetString()!, Text(caller, "calls"), Text(caller, "allowed"), Text(caller, "rows")]);
                i++;
            }

            await Assertions.Expect(callers.First).ToContainTextAsync("某银行");
            var decisions = page.Locator("[data-test=decisions-table] tbody tr");
            await Assertions.Expect(decisions).ToHaveCountAsync(3);
            await Assertions.Expect(decisions.First.Locator("td")).ToHaveTextAsync(["允许", "已授权（granted）", "8"]);
            await Assertions.Expect(page.Locator("[data-test=decisions-table]")).ToContainTextAsync("超出每日配额（quota_exceeded）");
            await Assertions.Expect(page.Locator("[data-test=districts-table] tbody tr").First.Locator("td")).ToHaveTextAsync(["310104", "徐汇区", "14", "0"]);
            await Assertions.Expect(page.Locator("[data-test=top-datasets-table] tbody tr").First.Locator("td")).ToHaveTextAsync(["housing", "房屋信息", "7", "44"]);
            var today = page.Locator("[data-test=per-day-table] .el-table__body-wrapper tbody tr").Last;
            await Assertions.Expect(today.Locator("td").Last).ToHaveTextAsync("10");

            // The caller filter: only 另一银行's calls.
            await page.Locator("[data-test=caller]").FillAsync("op-other");
            await page.Locator("[data-test=query]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=total-calls]")).ToHaveTextAsync("3");
            await Assertions.Expect(callers).ToHaveCountAsync(1);
            await Assertions.Expect(callers.First).ToContainTextAsync("另一银行");

            // And the dataset filter with it: 另一银行's parking calls.
            await page.Locator("[data-test=dataset]").FillAsync("parking");
            await page.Locator("[data-test=query]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=total-calls]")).ToHaveTextAsync("2");
            await Assertions.Expect(page.Locator("[data-test=top-datasets-table] tbody tr")).ToHaveCountAsync(1);

            // A period longer than 92 days: refused, the message next to the field it concerns.
            await FillDateAsync(page, "from", "2026-01-01");
            await page.Locator("[data-test=query]").ClickAsync();
            var error = page.Locator(".el-form-item", new PageLocatorOptions { Has = page.Locator("[data-test=to]") }).Locator(".el-form-item__error");
            await Assertions.Expect(error).ToContainTextAsync("统计时段最长 92 天");
        });

        Assert.All(recorded.Requested, url => Assert.StartsWith(city.BaseAddress.ToString(), url));
        // The one 400 is the browser's own report of the refused request; nothing else went wrong.
        Assert.All(recorded.Errors, e => Assert.Contains("400", e));
    }

    [Fact]
    public async Task Operator_SeesItsOwnUsageAndQuotaLeftToday_AndNoFilters()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, city.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, city.Tokens.Operator("op-bank"), "/console/usage");
            await Assertions.Expect(page.Locator("[data-test=total-calls]")).ToHaveTextAsync("5");
            await Assertions.Expect(page.Locator("[data-test=per-caller-chart] canvas").First).ToBeVisibleAsync();
            var quota = page.Locator("[data-test=quotas] tbody tr");
            await Assertions.Expect(quota).ToHaveCountAsync(1);
            await Assertions.Expect(quota.First).ToContainTextAsync(city.GrantId);
            await Assertions.Expect(quota.First.Locator("[data-test=left]")).ToHaveTextAsync((ConsoleUsageCity.DailyQuota - 3).ToString());
            await page.Locator("[data-test=per-caller-toggle]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=per-caller-table] tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-test=per-caller-table] tbody tr").First).ToContainTextAsync("某银行");
        });

        Assert.Equal(0, await recorded.Page.Locator("[data-test=caller]").CountAsync());
        Assert.DoesNotContain(recorded.Requested, url => url.Contains("caller=", StringComparison.Ordinal));
        Assert.All(recorded.Requested, url => Assert.StartsWith(city.BaseAddress.ToString(), url));
        Assert.Empty(recorded.Errors);
    }

    [Fact]
    public async Task Admin_OpensAnOperatorsBill_AndDownloadsItsCsvWithChineseHeaders()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, city.BaseAddress);
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM");
        string csv = "";
        string fileName = "";
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, city.Tokens.Admin(), "/console/bills");
            var rows = page.Locator("[data-test=bills] tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await Assertions.Expect(rows.First).ToContainTextAsync("某银行");
            await Assertions.Expect(rows.First).ToContainTextAsync("0.50");
            await Assertions.Expect(page.Locator("[data-test=summary-total]")).ToContainTextAsync("0.90");
            await page.Locator("[data-test=open-op-bank]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=bill-total]")).ToHaveTextAsync("0.50");
            await Assertions.Expect(page.Locator("[data-test=bill-lines] tbody tr")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator(".el-loading-mask")).ToHaveCountAsync(0);
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "bill.png"), FullPage = true });

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test=download]").ClickAsync());
            fileName = download.SuggestedFilename;
            var path = await download.PathAsync();
            csv = await File.ReadAllTextAsync(path, Encoding.UTF8);
        });

        Assert.Equal($"bill-op-bank-{month}.csv", fileName);
        Assert.StartsWith("账单月份,运营机构,数据集编码,数据集", csv.TrimStart('\uFEFF'));
        Assert.Contains("房屋信息", csv);
        Assert.All(recorded.Requested, url => Assert.True(url.StartsWith(city.BaseAddress.ToString(), StringComparison.Ordinal) || url.StartsWith("blob:" + city.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal), url));
        Assert.Empty(recorded.Errors);
    }

    [Fact]
    public async Task Operator_SeesItsOwnBill_AndAnArchivedMonthInPlainWords()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, city.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, city.Tokens.Operator("op-other"), "/console/bills");
            await Assertions.Expect(page.Locator("[data-test=bill-total]")).ToHaveTextAsync("0.40");
            await Assertions.Expect(page.Locator("[data-test=statement]")).ToContainTextAsync("另一银行");

            await FillDateAsync(page, "month", "2025-01");
            await page.Locator("[data-test=query]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=archived]")).ToContainTextAsync("已归档");
            await Assertions.Expect(page.Locator("[data-test=failure]")).ToContainTextAsync("ledger-2025-01.jsonl.gz");
        });

        Assert.Equal(0, await recorded.Page.Locator("[data-test=bills]").CountAsync());
        Assert.All(recorded.Errors, e => Assert.Contains("410", e));
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetInt64().ToString();

    /// <summary>Types a date into an Element Plus picker as a keyboard user does, and confirms it with Enter.</summary>
    private static async Task FillDateAsync(IPage page, string name, string value)
    {
        var input = page.Locator($"[data-test={name}] input").First;
        await input.FillAsync(value);
        await input.PressAsync("Enter");
    }
}
