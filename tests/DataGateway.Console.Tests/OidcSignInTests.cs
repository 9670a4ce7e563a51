using DataGateway.Testing;
using Microsoft.Playwright;

namespace DataGateway.Console.Tests;

/// <summary>
/// Issue 17, point 1: signing in to the console at the OpenID Connect provider in a real headless chromium: the
/// sign-in page offers the provider first, the provider's page lists the demo city's organizations, picking one brings
/// the browser back signed in as that organization, where it was going. The only origins the page talks to are the
/// catalog's and the provider's.
/// </summary>
public sealed class OidcSignInTests(OidcConsoleCatalog catalog, Chromium chromium) : IClassFixture<OidcConsoleCatalog>, IClassFixture<Chromium>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, ".data", "screenshots");

    [Fact]
    public async Task Operator_SignsInAtTheProvider_LandsOnTheDatasetsPageAsItsOrganization()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);

        // A deep link before signing in leads to the sign-in page, whose first choice is the provider.
        await recorded.StepAsync(async page =>
        {
            await page.GotoAsync("/console/datasets");
            await page.Locator("[data-test=oidc-sign-in]").ClickAsync();
        });

        // The provider's own page: the organizations grouped by kind, the operator picked by its button.
        await recorded.StepAsync(async page =>
        {
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(catalog.Idp.Authority + "/authorize?")));
            await Assertions.Expect(page.Locator("[data-test=kind-operator] h2")).ToHaveTextAsync("持牌运营机构");
            await Assertions.Expect(page.Locator("[data-test=kind-district] button")).ToHaveCountAsync(16);
            await Assertions.Expect(page.Locator("[data-test=kind-admin]")).ToContainTextAsync("市大数据中心");
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "sign-in.png"), FullPage = true });
            await page.Locator("[data-test=org-op-bank]").ClickAsync();
        });

        // Back in the console, signed in as the operator, on the page the deep link named.
        await recorded.StepAsync(async page =>
        {
            await Assertions.Expect(page.Locator("[data-test=who]")).ToContainTextAsync("op-bank");
            await Assertions.Expect(page).ToHaveURLAsync(catalog.BaseAddress + "console/datasets");
            await Assertions.Expect(page.Locator("[data-test=datasets] tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-test=datasets] tbody tr")).ToContainTextAsync("housing");
        });

        // The token kept is the provider's access token for the platform, in sessionStorage only.
        var token = await recorded.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('datagateway.token')");
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Null(await recorded.Page.EvaluateAsync<string?>("() => localStorage.getItem('datagateway.token')"));
        Assert.Empty(recorded.Errors);
        Assert.All(recorded.Requested, url => Assert.True(
            url.StartsWith(catalog.BaseAddress.ToString(), StringComparison.Ordinal) || url.StartsWith(catalog.Idp.Authority + "/", StringComparison.Ordinal),
            $"A request outside the catalog and the provider: {url}"));
        Assert.Contains(recorded.Requested, url => url == catalog.Idp.Authority + "/token");
    }

    [Fact]
    public async Task Callback_WithAStateThisTabNeverSent_SaysSignInFailedAndSignsNoOneIn()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);

        await recorded.StepAsync(async page =>
        {
            await page.GotoAsync("/console/callback?code=forged&state=forged");
            await Assertions.Expect(page.Locator("[data-test=failure]")).ToContainTextAsync("登录未完成");
            await Assertions.Expect(page.Locator("a[href='/console/sign-in']")).ToBeVisibleAsync();
        });

        Assert.Null(await recorded.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('datagateway.token')"));
        Assert.DoesNotContain(recorded.Requested, url => url.EndsWith("/token", StringComparison.Ordinal));
        Assert.Empty(recorded.Errors);
    }

    [Fact]
    public async Task SignIn_TokenPasteStillThere_BelowTheProvidersButton()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, catalog.BaseAddress);

        await recorded.StepAsync(async page =>
        {
            await page.GotoAsync("/console/sign-in");
            await Assertions.Expect(page.Locator("[data-test=oidc-sign-in]")).ToHaveTextAsync("使用统一身份认证登录");
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "sign-in-console.png") });
            await page.Locator("[data-test=token]").FillAsync("not-a-token");
            await page.Locator("[data-test=sign-in]").ClickAsync();
            await Assertions.Expect(page.Locator(".el-form-item__error")).ToContainTextAsync("不是可读的访问令牌");
            await page.Locator("[data-test=token]").FillAsync(catalog.Tokens.Operator("op-bank"));
            await page.Locator("[data-test=sign-in]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=who]")).ToContainTextAsync("op-bank");
        });

        Assert.Empty(recorded.Errors);
        Assert.All(recorded.Requested, url => Assert.StartsWith(catalog.BaseAddress.ToString(), url));
    }
}
