using Microsoft.Playwright;

namespace DataGateway.Console.Tests;

/// <summary>What the admin pages' tests do again and again: sign in on a deep link, pick an Element Plus option.</summary>
internal static class ConsolePages
{
    public static readonly string Screenshots = Path.Combine(DataGateway.Testing.RepositoryPaths.Root, ".data", "screenshots");

    public static async Task SignInAsync(IPage page, string token, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-test=token]").FillAsync(token);
        await page.Locator("[data-test=sign-in]").ClickAsync();
    }

    /// <summary>Opens a select and picks the option whose text is <paramref name="option"/> (only the open list's options are visible).</summary>
    public static async Task PickAsync(ILocator select, string option)
    {
        await select.ClickAsync();
        await select.Page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = option, Exact = true }).ClickAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name), FullPage = true });
    }
}
