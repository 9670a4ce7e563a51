using DataGateway.Testing;
using Microsoft.Playwright;

namespace DataGateway.Console.Tests;

/// <summary>
/// The console in a real headless chromium against a real catalog: sign in with a token, browse and search the
/// catalog, page through it. Every request the page makes goes to the catalog itself, and the browser reports no error.
/// </summary>
public sealed class CatalogPageTests(ConsoleCatalog catalog, Chromium chromium) : IClassFixture<ConsoleCatalog>, IClassFixture<Chromium>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, ".data", "screenshots");

    [Fact]
    public async Task Operator_SignsInWithItsToken_BrowsesSearchesAndPagesTheCatalog()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        var table = recorded.Page.Locator("[data-test=datasets]");

        // A deep link before signing in leads to the sign-in page, which returns there afterwards.
        await recorded.StepAsync(async page =>
        {
            await page.GotoAsync("/console/datasets");
            await page.Locator("[data-test=token]").FillAsync(catalog.Tokens.Operator("op-bank"));
            await page.Locator("[data-test=sign-in]").ClickAsync();
            await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(20);
            await Assertions.Expect(page.Locator("[data-test=who]")).ToContainTextAsync("op-bank");
            await Assertions.Expect(page.Locator(".el-pagination__total")).ToContainTextAsync(ConsoleCatalog.DatasetCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "catalog.png"), FullPage = true });
        });

        // The second page holds the rest.
        await recorded.StepAsync(async page =>
        {
            await page.Locator(".el-pager li", new PageLocatorOptions { HasText = "2" }).ClickAsync();
            await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(ConsoleCatalog.DatasetCount - 20);
        });

        // A keyword search finds the one dataset by its title, from page 1 again. (The search fields have no clear
        // button: its icon appearing on focus moved the search button between mouse down and up, and the click was lost.)
        await recorded.StepAsync(async page =>
        {
            await page.Locator("[data-test=q]").FillAsync("停车场");
            await page.Locator("[data-test=search]").ClickAsync();
            await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(table.Locator("tbody tr")).ToContainTextAsync("housing-07");
        });

        Assert.Empty(recorded.Errors);
        Assert.All(recorded.Requested, url => Assert.StartsWith(catalog.BaseAddress.ToString(), url));
    }

    [Fact]
    public async Task SignIn_WithSomethingThatIsNotAToken_SaysSoNextToTheField()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);

        await recorded.StepAsync(async page =>
        {
            await page.GotoAsync("/console/sign-in");
            await page.Locator("[data-test=token]").FillAsync("not-a-token");
            await page.Locator("[data-test=sign-in]").ClickAsync();
            await Assertions.Expect(page.Locator(".el-form-item__error")).ToContainTextAsync("不是可读的访问令牌");
        });

        Assert.EndsWith("/console/sign-in", recorded.Page.Url);
        Assert.Empty(recorded.Errors);
    }
}
