using DataGateway.Testing;
using Microsoft.Playwright;

namespace DataGateway.Console.Tests;

/// <summary>Steps the console's page tests share: signing in with a pasted token, picking an option, saving a screenshot, checking the browser stayed clean.</summary>
internal static class ConsoleSteps
{
    public static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, ".data", "screenshots");

    /// <summary>Opens <paramref name="path"/>, which sends the browser to the sign-in page, and signs in with <paramref name="token"/>.</summary>
    public static async Task SignInAsync(IPage page, string token, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-test=token]").FillAsync(token);
        await page.Locator("[data-test=sign-in]").ClickAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    /// <summary>The browser reported no error and asked nothing of any origin but the catalog's own.</summary>
    public static void AssertClean(RecordedPage recorded, CatalogProcess catalog) => AssertClean(recorded, catalog.BaseAddress);

    /// <inheritdoc cref="AssertClean(RecordedPage, CatalogProcess)"/>
    public static void AssertClean(RecordedPage recorded, Uri catalog)
    {
        Assert.Empty(recorded.Errors);
        Assert.All(recorded.Requested, url => Assert.StartsWith(catalog.ToString(), url));
    }

    /// <summary>Opens a select and picks the option whose text is <paramref name="option"/> (only the open list's options are visible).</summary>
    public static async Task PickAsync(ILocator select, string option)
    {
        await select.ClickAsync();
        await select.Page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = option, Exact = true }).ClickAsync();
    }
}
