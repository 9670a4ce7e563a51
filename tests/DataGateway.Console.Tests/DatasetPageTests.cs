using DataGateway.Testing;
using Microsoft.Playwright;
using static DataGateway.Console.Tests.ConsoleSteps;

namespace DataGateway.Console.Tests;

/// <summary>
/// A dataset's page in a real chromium: its fields with titles, levels, personal-information flags and masks, its
/// prices, and for admins its history; a dataset that does not exist shows the API's problem in plain words.
/// </summary>
public sealed class DatasetPageTests(ConsoleCatalog catalog, Chromium chromium) : IClassFixture<ConsoleCatalog>, IClassFixture<Chromium>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, ".data", "screenshots");

    [Fact]
    public async Task Admin_OpensADatasetFromTheList_SeesFieldsLevelsMasksPricesAndHistory()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Admin(), "/console/datasets");
            await page.Locator("[data-test=datasets] a", new PageLocatorOptions { HasText = "housing-01" }).ClickAsync();

            var fields = page.Locator("[data-test=fields] tbody tr");
            await Assertions.Expect(fields).ToHaveCountAsync(3);
            await Assertions.Expect(fields.Nth(2)).ToContainTextAsync("产权人证件号");
            await Assertions.Expect(fields.Nth(2).Locator(".el-tag--danger", new LocatorLocatorOptions { HasText = "L4" })).ToBeVisibleAsync();
            await Assertions.Expect(fields.Nth(2)).ToContainTextAsync("keep:6:4");
            await Assertions.Expect(page.Locator("[data-test=fields] tbody .el-tag", new PageLocatorOptions { HasText = "个人信息" })).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-test=prices] tbody tr").First).ToContainTextAsync("0.10");
            await Assertions.Expect(page.Locator("[data-test=prices] tbody tr").First).ToContainTextAsync("现行");
            await Assertions.Expect(page.Locator("[data-test=max-level]")).ToHaveTextAsync("L4");
            await Assertions.Expect(page.Locator("[data-test=history] .el-timeline-item").First).ToContainTextAsync("编目 · admin");
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "dataset.png"), FullPage = true });
        });

        Assert.EndsWith("/console/datasets/housing-01", recorded.Page.Url);
        Assert.Empty(recorded.Errors);
    }

    [Fact]
    public async Task Operator_SeesTheDatasetButNotItsHistory()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Operator("op-bank"), "/console/datasets/housing-01");
            await Assertions.Expect(page.Locator("[data-test=fields] tbody tr")).ToHaveCountAsync(3);
        });

        Assert.Equal(0, await recorded.Page.Locator("[data-test=history]").CountAsync());
        Assert.DoesNotContain(recorded.Requested, url => url.EndsWith("/history", StringComparison.Ordinal));
        Assert.Empty(recorded.Errors);
    }

    [Fact]
    public async Task ADatasetThatDoesNotExist_ShowsTheProblemInChineseWithItsRequestId()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Operator("op-bank"), "/console/datasets/no-such-dataset");
            var failure = page.Locator("[data-test=failure]");
            await Assertions.Expect(failure).ToContainTextAsync("no-such-dataset");
            await Assertions.Expect(failure).ToContainTextAsync("请求编号");
        });

        // The 404 itself is the one error the browser reports (a failed fetch); nothing else.
        Assert.All(recorded.Errors, e => Assert.Contains("404", e));
    }

    [Fact]
    public async Task English_IsOneClickAway_AndTheApiAnswersInItToo()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, catalog.Tokens.Operator("op-bank"), "/console/datasets/housing-01");
            await Assertions.Expect(page.Locator("[data-test=fields] tbody tr")).ToHaveCountAsync(3);
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "English" }).ClickAsync();
            await Assertions.Expect(page.Locator("h3").First).ToHaveTextAsync("Fields");

            // The choice is kept, and the API's own messages follow it (Accept-Language).
            await page.GotoAsync("/console/datasets/no-such-dataset");
            await Assertions.Expect(page.Locator("[data-test=failure]")).ToContainTextAsync("Request id");
            await Assertions.Expect(page.Locator("[data-test=failure]")).ToContainTextAsync("does not exist");
        });
    }
}
