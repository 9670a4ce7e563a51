using Microsoft.Playwright;

namespace DataGateway.Console.Tests;

/// <summary>
/// The console without a mouse, in a real chromium: sign in, reach the menu, open an area, reach a dataset's page and
/// come back — only Tab, Shift+Tab and Enter. Each step tabs until the element it needs has the focus (bounded: a page
/// that never lets the keyboard reach it fails the test), so it asserts reachability, not a tab order.
/// </summary>
public sealed class KeyboardTests(ConsoleCatalog catalog, Chromium chromium) : IClassFixture<ConsoleCatalog>, IClassFixture<Chromium>
{
    private const int MaxTabs = 60;

    [Fact]
    public async Task Operator_SignsInOpensTheCatalogAndADataset_WithTheKeyboardOnly()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);
        await recorded.StepAsync(async page =>
        {
            await page.GotoAsync("/console/");
            await TabToAsync(page, "[data-test=token]");
            await page.Keyboard.TypeAsync(catalog.Tokens.Operator("op-bank"));
            await TabToAsync(page, "[data-test=sign-in]");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-test=who]")).ToContainTextAsync("op-bank");

            // The menu: 申请 (applications) is reached and opened by the keyboard.
            await TabToAsync(page, "[data-test=nav-applications]");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/applications$"));

            // Back to the catalog, and into a dataset by its link.
            await TabToAsync(page, "[data-test=nav-datasets]", backwards: true);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-test=datasets] tbody tr")).ToHaveCountAsync(20);
            await TabToAsync(page, "[data-test=datasets] a:has-text('housing-01')");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-test=fields] tbody tr")).ToHaveCountAsync(3);
        });

        ConsoleSteps.AssertClean(recorded, catalog);
    }

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="selector"/> has the focus, at most <see cref="MaxTabs"/> times.</summary>
    private static async Task TabToAsync(IPage page, string selector, bool backwards = false)
    {
        var target = page.Locator(selector).First;
        await Assertions.Expect(target).ToBeVisibleAsync();
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        Assert.Fail($"{selector} was not reached with {MaxTabs} presses of Tab.");
    }
}
