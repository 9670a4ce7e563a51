using DataGateway.Testing;
using Microsoft.Playwright;
using static DataGateway.Console.Tests.ConsoleSteps;

namespace DataGateway.Console.Tests;

/// <summary>
/// The returns' pages in a real chromium against the demo city, its receivers and its returns worker: the jobs with
/// their progress and a state filter; a job's page with every district's receipt and the district that failed
/// highlighted as a gap; the admin's resume (the one action its state allows, after a confirmation) taking effect
/// through the API; and a district seeing its own receipt only, as the API answers.
/// </summary>
public sealed class ReturnPagesTests(ReturnConsoleCity city, Chromium chromium) : IClassFixture<ReturnConsoleCity>, IClassFixture<Chromium>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, ".data", "screenshots");

    [Fact]
    public async Task Admin_SeesTheJobsProgressAndReceipts_TheGapHighlighted_AndResumesIt()
    {
        var id = city.JobId;
        await using var recorded = await RecordedPage.OpenAsync(chromium, city.Catalog);
        var receipts = recorded.Page.Locator("[data-test=receipts] tbody tr");
        var gapRow = receipts.Filter(new LocatorFilterOptions { HasText = ReturnConsoleCity.GapDistrict });

        // The list: the job, with its progress; the state filter narrows it.
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, city.Token("admin"), "/console/returns");
            var jobs = page.Locator("[data-test=returns] tbody tr");
            await Assertions.Expect(jobs).ToHaveCountAsync(1);
            await Assertions.Expect(jobs.First).ToContainTextAsync("housing");
            await Assertions.Expect(jobs.First.Locator(".el-progress")).ToBeVisibleAsync();
            await page.Locator("[data-test=state]").ClickAsync();
            await page.Locator(".el-select-dropdown__item", new PageLocatorOptions { HasText = "已暂停" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=returns] .el-table__empty-text")).ToHaveTextAsync("没有返还任务");
        });

        // The job's page follows the job until it is done; 16 receipts, the district without a landing zone a gap.
        await recorded.StepAsync(async page =>
        {
            await page.GotoAsync($"/console/returns/{id}");
            await Assertions.Expect(page.Locator("[data-test=job-state]")).ToHaveTextAsync("已完成");
            await Assertions.Expect(receipts).ToHaveCountAsync(DemoReceivers.Districts.Count);
            await Assertions.Expect(gapRow).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("gap-row"));
            await Assertions.Expect(gapRow.Locator("[data-test=gap]")).ToHaveTextAsync("有差异");
            await Assertions.Expect(gapRow).ToContainTextAsync("投递失败");
            await Assertions.Expect(gapRow).ToContainTextAsync("该区未登记落地端点");
            await Assertions.Expect(page.Locator("[data-test=receipts] .gap-row")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-test=gap-warning]")).ToContainTextAsync("1 个区");
            await Assertions.Expect(receipts.Filter(new LocatorFilterOptions { HasText = "310104" })).ToContainTextAsync("一致");

            // Completed with a failed district: resume is the one action; pause and cancel are not offered.
            await Assertions.Expect(page.Locator("[data-test=action-resume]")).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("[data-test=action-pause]").CountAsync());
            Assert.Equal(0, await page.Locator("[data-test=action-cancel]").CountAsync());
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "returns.png"), FullPage = true });
        });

        // Mended and resumed (after the confirmation): the failed district is delivered, the gap is gone.
        await city.MendGapDistrictAsync();
        await recorded.StepAsync(async page =>
        {
            await page.Locator("[data-test=action-resume]").ClickAsync();
            await page.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
            await Assertions.Expect(gapRow).ToContainTextAsync("已送达");
            await Assertions.Expect(page.Locator("[data-test=job-state]")).ToHaveTextAsync("已完成");
            await Assertions.Expect(page.Locator("[data-test=receipts] .gap-row")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-test=gap-warning]")).ToHaveCountAsync(0);
        });

        Assert.Contains(recorded.Requested, url => url.EndsWith($"/v1/returns/{id}/resume", StringComparison.Ordinal));
        Assert.Empty(recorded.Errors);
        Assert.All(recorded.Requested, url => Assert.StartsWith(city.Catalog.ToString(), url));
    }

    [Fact]
    public async Task District_SeesItsOwnReceiptOnly_AndNoActions()
    {
        var id = city.JobId;
        await using var recorded = await RecordedPage.OpenAsync(chromium, city.Catalog);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, city.Token("district-310104"), $"/console/returns/{id}");
            var receipts = page.Locator("[data-test=receipts] tbody tr");
            await Assertions.Expect(receipts).ToHaveCountAsync(1);
            await Assertions.Expect(receipts.First).ToContainTextAsync("310104");
            await Assertions.Expect(page.Locator("[data-test=summary]")).ToContainTextAsync("housing");
        });

        Assert.Equal(0, await recorded.Page.Locator("[data-test^=action-]").CountAsync());
        Assert.Empty(recorded.Errors);
        Assert.All(recorded.Requested, url => Assert.StartsWith(city.Catalog.ToString(), url));
    }
}
