using Microsoft.Playwright;
using static DataGateway.Console.Tests.ConsoleSteps;

namespace DataGateway.Console.Tests;

/// <summary>
/// Grants in a real chromium: an admin suspends, resumes and revokes one, each after a confirmation and with a
/// reason, only ever offered the transitions its state allows, and reads every step in its history; an operator
/// sees its own grant with no admin action.
/// </summary>
public sealed class GrantPagesTests(ApplicationsCatalog catalog, Chromium chromium) : IClassFixture<ApplicationsCatalog>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Admin_SuspendsResumesAndRevokes_OnlyValidActionsShown_HistoryShowsEachStep()
    {
        var grant = await catalog.ApproveAsync(await catalog.ApplyAsync("授权管理", ["id", "address"], dailyQuota: 500));
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), "/console/grants");
            var row = page.Locator("[data-test=grants] tbody tr", new PageLocatorOptions { HasText = "授权管理" });
            await Assertions.Expect(row).ToContainTextAsync(ApplicationsCatalog.Operator);
            await Assertions.Expect(row.Locator("[data-test=state]")).ToHaveTextAsync("有效");
            await row.Locator("a").ClickAsync();

            var state = page.Locator("[data-test=grant] [data-test=state]");
            await Assertions.Expect(state).ToHaveTextAsync("有效");
            await AssertActionsAsync(page, "suspend", "revoke");
            await ActAsync(page, "suspend", "核查中");
            await Assertions.Expect(state).ToHaveTextAsync("已暂停");
            await AssertActionsAsync(page, "resume", "revoke");
            await ActAsync(page, "resume", "");
            await Assertions.Expect(state).ToHaveTextAsync("有效");
            await ActAsync(page, "revoke", "场景结束");
            await Assertions.Expect(state).ToHaveTextAsync("已撤销");
            await AssertActionsAsync(page);

            var history = page.Locator("[data-test=grant-history] .el-timeline-item");
            await Assertions.Expect(history).ToHaveCountAsync(4);
            await Assertions.Expect(history.Nth(0)).ToContainTextAsync("授权生成 · admin");
            await Assertions.Expect(history.Nth(1)).ToContainTextAsync("暂停 · admin · 核查中");
            await Assertions.Expect(history.Nth(2)).ToContainTextAsync("恢复 · admin");
            await Assertions.Expect(history.Nth(3)).ToContainTextAsync("撤销 · admin · 场景结束");
            await Assertions.Expect(page.Locator("[data-test=grant-fields] tbody tr")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-test=grant-quota]")).ToHaveTextAsync("500");
            await ScreenshotAsync(page, "grants");
        });

        var steps = await catalog.AdminGetAsync($"/v1/grants/{grant}/history");
        Assert.Equal(["created", "suspended", "resumed", "revoked"], steps.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("核查中", steps[1].GetProperty("change").GetProperty("reason").GetString());
        Assert.Equal("revoked", (await catalog.AdminGetAsync($"/v1/grants/{grant}")).GetProperty("state").GetString());
        AssertClean(recorded, catalog);
    }

    [Fact]
    public async Task Operator_SeesItsGrant_WithNoAdminActionAndNoHistoryCall()
    {
        var grant = await catalog.ApproveAsync(await catalog.ApplyAsync("只读授权", ["id"]));
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Operator(ApplicationsCatalog.Operator), "/console/grants");
            await page.Locator("[data-test=grants] tbody tr", new PageLocatorOptions { HasText = "只读授权" }).Locator("a").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=grant] [data-test=state]")).ToHaveTextAsync("有效");
            await Assertions.Expect(page.Locator("[data-test=grant-quota]")).ToHaveTextAsync("不限");
            await Assertions.Expect(page.Locator("[data-test=grant-actions]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-test=grant-history]")).ToHaveCountAsync(0);
        });

        Assert.EndsWith($"/console/grants/{grant}", recorded.Page.Url);
        Assert.DoesNotContain(recorded.Requested, url => url.EndsWith("/history", StringComparison.Ordinal));
        AssertClean(recorded, catalog);
    }

    /// <summary>Exactly these actions are offered, in this order.</summary>
    private static async Task AssertActionsAsync(IPage page, params string[] actions)
    {
        var buttons = page.Locator("[data-test=grant-actions] button");
        await Assertions.Expect(buttons).ToHaveCountAsync(actions.Length);
        for (var i = 0; i < actions.Length; i++)
        {
            await Assertions.Expect(buttons.Nth(i)).ToHaveAttributeAsync("data-test", $"action-{actions[i]}");
        }
    }

    private static async Task ActAsync(IPage page, string action, string reason)
    {
        await page.Locator($"[data-test=action-{action}]").ClickAsync();
        await page.Locator("[data-test=grant-reason]:visible").FillAsync(reason);
        await page.Locator("[data-test=confirm-ok]:visible").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=confirm-dialog]:visible")).ToHaveCountAsync(0);
    }
}
