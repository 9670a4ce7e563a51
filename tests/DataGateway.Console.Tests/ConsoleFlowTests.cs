using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataGateway.Testing;
using Microsoft.Playwright;
using static DataGateway.Console.Tests.ConsoleSteps;

namespace DataGateway.Console.Tests;

/// <summary>
/// The console's whole flow over the demo city's real processes, in a real chromium: an operator applies for a dataset,
/// an admin narrows the application and approves it, the operator calls the data API through the gateway, and the admin
/// finds those calls in usage and on the operator's bill for the month; a district that pulled its rows finds them,
/// and only its own district's, in its usage.
/// </summary>
public sealed class ConsoleFlowTests(ConsoleFlowCity city, Chromium chromium) : IClassFixture<ConsoleFlowCity>, IClassFixture<Chromium>
{
    private const string Scenario = "贷前失信核查（控制台流程）";
    private const decimal QueryPrice = 0.20m;

    [Fact]
    public async Task OperatorApplies_AdminNarrowsAndApproves_OperatorCalls_AdminSeesTheCallsInUsageAndOnTheBill()
    {
        // The operator applies from the dataset's page for five fields and 1,000 calls a day.
        await using (var operatorPage = await RecordedPage.OpenAsync(chromium, city.Catalog))
        {
            await operatorPage.StepAsync(async page =>
            {
                await SignInAsync(page, city.Token(ConsoleFlowCity.Operator), $"/console/datasets/{ConsoleFlowCity.Dataset}");
                await page.Locator("[data-test=apply]").ClickAsync();
                foreach (var field in new[] { "credit_code", "name", "reason", "listed_on", "authority" })
                {
                    await page.Locator($"[data-test=field-{field}] .el-checkbox").ClickAsync();
                }

                await page.Locator("[data-test=scenario]").FillAsync(Scenario);
                await page.Locator("[data-test=quota] input").FillAsync("1000");
                await page.Locator("[data-test=quota] input").BlurAsync();
                await page.Locator("[data-test=submit]").ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/applications/[0-9a-f-]{36}$"));
                await Assertions.Expect(page.Locator("[data-test=application] [data-test=state]")).ToHaveTextAsync("待审批");
            });
            AssertClean(operatorPage, city.Catalog);
        }

        // The admin takes it from the inbox, leaves out 列入机关 (authority), cuts the quota to 100 and approves.
        await using var adminPage = await RecordedPage.OpenAsync(chromium, city.Catalog);
        await adminPage.StepAsync(async page =>
        {
            await SignInAsync(page, city.Token("admin"), "/console/applications/inbox");
            await page.Locator("[data-test=inbox] tbody tr", new PageLocatorOptions { HasText = Scenario }).Locator("a").ClickAsync();
            await page.Locator("[data-test=decision] [data-test=field-authority] .el-checkbox").ClickAsync();
            await page.Locator("[data-test=grant-quota] input").FillAsync("100");
            await page.Locator("[data-test=grant-quota] input").BlurAsync();
            await page.Locator("[data-test=approve]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=application] [data-test=state]")).ToHaveTextAsync("已批准");
        });

        // The operator calls the gateway: refused until the gateway has heard of the grant (LISTEN/NOTIFY), then answered
        // with the granted fields and never authority. Every call, refused or answered, is on the ledger.
        using var gateway = city.GatewayClient(ConsoleFlowCity.Operator);
        var (answered, refused, rows) = (0, 0, 0);
        while (answered < 3)
        {
            using var response = await gateway.GetAsync($"/api/{ConsoleFlowCity.Dataset}?size=4");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Forbidden && refused < 600)
            {
                refused++;
                await Task.Delay(100);
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
            var records = JsonDocument.Parse(body).RootElement;
            Assert.All(records.EnumerateArray(), r => Assert.False(r.TryGetProperty("authority", out _), r.ToString()));
            answered++;
            rows += records.GetArrayLength();
        }

        Assert.True(rows > 0);
        var grant = await GrantAsync();
        Assert.Equal(["credit_code", "name", "reason", "listed_on"], grant.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(100, grant.GetProperty("dailyQuota").GetInt64());

        // Usage for the operator and the dataset: every call, the answered ones, their rows, and the quota left today.
        await adminPage.StepAsync(async page =>
        {
            await page.GotoAsync("/console/usage");
            await page.Locator("[data-test=caller]").FillAsync(ConsoleFlowCity.Operator);
            await page.Locator("[data-test=dataset]").FillAsync(ConsoleFlowCity.Dataset);
            await page.Locator("[data-test=query]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=total-calls]")).ToHaveTextAsync(Number(answered + refused));
            await page.Locator("[data-test=per-caller-toggle]").ClickAsync();
            var caller = page.Locator("[data-test=per-caller-table] tbody tr");
            await Assertions.Expect(caller).ToHaveCountAsync(1);
            await Assertions.Expect(caller.First.Locator("td")).ToHaveTextAsync(
                [new Regex("浦江普惠银行"), new Regex(ConsoleFlowCity.Operator), new Regex($"^{answered + refused}$"), new Regex($"^{answered}$"), new Regex($"^{rows}$")]);
            var quota = page.Locator("[data-test=quotas] tbody tr", new PageLocatorOptions { HasText = grant.GetProperty("id").GetString()! });
            await Assertions.Expect(quota.Locator("[data-test=left]")).ToHaveTextAsync(Number(100 - answered));
            await Assertions.Expect(page.Locator(".el-loading-mask")).ToHaveCountAsync(0);
            await ScreenshotAsync(page, "flow-usage");
        });

        // The month's bill: the answered calls at the dataset's query price, and nothing else of the operator's.
        await adminPage.StepAsync(async page =>
        {
            await page.GotoAsync("/console/bills");
            await page.Locator($"[data-test=open-{ConsoleFlowCity.Operator}]").ClickAsync();
            var line = page.Locator("[data-test=bill-lines] tbody tr", new PageLocatorOptions { HasText = "失信企业名单" });
            await Assertions.Expect(line).ToContainTextAsync(Number(answered));
            await Assertions.Expect(page.Locator("[data-test=bill-total]")).ToHaveTextAsync((QueryPrice * answered).ToString("0.00", CultureInfo.InvariantCulture));
        });
        AssertClean(adminPage, city.Catalog);
    }

    [Fact]
    public async Task DistrictPullsItsRows_AndSeesThemAndOnlyItsOwnDistrictInItsUsage()
    {
        using var gateway = city.GatewayClient("district-310104");
        using var response = await gateway.GetAsync("/api/housing?size=7");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var records = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(records.GetArrayLength() > 0);
        Assert.All(records.EnumerateArray(), r => Assert.Equal("310104", r.GetProperty("district_code").GetString()));

        await using var recorded = await RecordedPage.OpenAsync(chromium, city.Catalog);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, city.Token("district-310104"), "/console/usage");
            await page.Locator("[data-test=districts-toggle]").ClickAsync();
            var districts = page.Locator("[data-test=districts-table] tbody tr");
            await Assertions.Expect(districts).ToHaveCountAsync(1);
            await Assertions.Expect(districts.First.Locator("td").Nth(0)).ToHaveTextAsync("310104");
            await Assertions.Expect(districts.First.Locator("td").Nth(1)).ToHaveTextAsync("徐汇区");
            await Assertions.Expect(districts.First.Locator("td").Nth(2)).ToHaveTextAsync(Number(records.GetArrayLength()));
            await Assertions.Expect(page.Locator("[data-test=caller]")).ToHaveCountAsync(0);
        });
        AssertClean(recorded, city.Catalog);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<JsonElement> GrantAsync()
    {
        using var admin = city.CatalogClient("admin");
        var grants = JsonDocument.Parse(await admin.GetStringAsync($"/v1/grants?dataset={ConsoleFlowCity.Dataset}&size=100")).RootElement;
        var items = grants.ValueKind == JsonValueKind.Array ? grants : grants.GetProperty("items");
        return items.EnumerateArray().Single(g => g.GetProperty("organizationId").GetString() == ConsoleFlowCity.Operator && g.GetProperty("state").GetString() == "active");
    }
}
