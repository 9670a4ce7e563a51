using DataGateway.Testing;
using Microsoft.Playwright;

namespace DataGateway.Console.Tests;

/// <summary>Steps the console's page tests share: signing in with a pasted token, and saving a screenshot.</summary>
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
    public static void AssertClean(RecordedPage recorded, CatalogProcess catalog)
    {
        Assert.Empty(recorded.Errors);
        Assert.All(recorded.Requested, url => Assert.StartsWith(catalog.BaseAddress.ToString(), url));
    }
}
