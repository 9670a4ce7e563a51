using System.Text;
using DataGateway.Testing;
using Microsoft.Playwright;
using static DataGateway.Console.Tests.ConsoleSteps;

namespace DataGateway.Console.Tests;

/// <summary>
/// The call ledger's page in a real chromium against the demo city's catalog, over calls made through its real
/// gateway: a search by request id finds exactly that call, cursor paging goes forward and back, the CSV export
/// downloads the current search under the server's file name, a malformed request id is refused beside its field,
/// and an admin runs the audit chain's verification and sees the run, passed, at the top of its history.
/// </summary>
public sealed class LedgerPageTests(LedgerConsoleCity city, Chromium chromium) : IClassFixture<LedgerConsoleCity>, IClassFixture<Chromium>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, ".data", "screenshots");

    [Fact]
    public async Task Admin_SearchesPagesExportsAndVerifies()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, city.Catalog);
        var rows = recorded.Page.Locator("[data-test=calls] tbody tr");

        // The verification first, on a ledger never verified: one run, passed, on top of the history.
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, city.Token("admin"), "/console/ledger");
            await Assertions.Expect(page.Locator("[data-test=never]")).ToBeVisibleAsync();
            await page.Locator("[data-test=verify]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-test=latest-result]")).ToHaveTextAsync("通过");
            await Assertions.Expect(page.Locator("[data-test=runs] tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-test=runs] tbody tr").First).ToContainTextAsync("admin");
        });

        // op-bank's calls to enterprises: 20 on the first page, the other 5 on the next, and back again.
        await recorded.StepAsync(async page =>
        {
            await page.Locator("[data-test=caller]").FillAsync("op-bank");
            await page.Locator("[data-test=dataset]").FillAsync("enterprises");
            await page.Locator("[data-test=search]").ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(20);
            await Assertions.Expect(rows.First).ToContainTextAsync(city.BankRequestIds[0].ToString("D"));
            await Assertions.Expect(rows.First).ToContainTextAsync("允许");
            await Assertions.Expect(page.Locator("[data-test=previous]")).ToBeDisabledAsync();
            await page.Locator("[data-test=next]").ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(LedgerConsoleCity.BankCalls - 20);
            await Assertions.Expect(rows.First).ToContainTextAsync(city.BankRequestIds[20].ToString("D"));
            await Assertions.Expect(page.Locator("[data-test=page-number]")).ToHaveTextAsync("第 2 页");
            await Assertions.Expect(page.Locator("[data-test=next]")).ToBeDisabledAsync();
            await page.Locator("[data-test=previous]").ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(20);
            await Assertions.Expect(rows.First).ToContainTextAsync(city.BankRequestIds[0].ToString("D"));
            Directory.CreateDirectory(Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "ledger.png"), FullPage = true });
        });

        // The export is the current search, every matching call, under the name the server gave it.
        await recorded.StepAsync(async page =>
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test=export]").ClickAsync());
            Assert.Equal("ledger.csv", download.SuggestedFilename);
            var path = await download.PathAsync();
            var lines = (await File.ReadAllLinesAsync(path, Encoding.UTF8)).Where(l => l.Length > 0).ToList();
            Assert.StartsWith("请求编号,", lines[0].TrimStart('\uFEFF'));
            Assert.Equal(city.BankRequestIds.Select(id => id.ToString("N")), lines.Skip(1).Select(l => l.Split(',')[0]));
        });

        // A search by request id finds exactly that call: here the denied one, with its reason.
        await recorded.StepAsync(async page =>
        {
            await page.Locator("[data-test=caller]").FillAsync("");
            await page.Locator("[data-test=dataset]").FillAsync("");
            await page.Locator("[data-test=request-id]").FillAsync(city.DeniedRequestId.ToString("N"));
            await page.Locator("[data-test=search]").ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows.First).ToContainTextAsync(city.DeniedRequestId.ToString("D"));
            await Assertions.Expect(rows.First).ToContainTextAsync("op-unlicensed");
            await Assertions.Expect(rows.First).ToContainTextAsync("拒绝");
            await Assertions.Expect(rows.First).ToContainTextAsync("domain_not_licensed");
        });

        Assert.Empty(recorded.Errors);
        AssertOwnOrigin(recorded);
    }

    [Fact]
    public async Task MalformedRequestId_IsRefusedBesideItsField()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, city.Catalog);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, city.Token("admin"), "/console/ledger");
            // Once the page has settled: the verification panel filling in above the form moves the search button,
            // and a click between its mouse down and up would be lost.
            await Assertions.Expect(page.Locator("[data-test=never], [data-test=latest]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-test=calls] tbody tr")).Not.ToHaveCountAsync(0);
            await page.Locator("[data-test=request-id]").FillAsync("not-a-request-id");
            await page.Locator("[data-test=search]").ClickAsync();
            var item = page.Locator(".el-form-item", new PageLocatorOptions { Has = page.Locator("[data-test=request-id]") });
            await Assertions.Expect(item.Locator(".el-form-item__error")).ToContainTextAsync("X-Request-Id");
            await Assertions.Expect(page.Locator("[data-test=calls] tbody tr")).ToHaveCountAsync(0);
        });

        // The 400 itself is the one error the browser reports (a failed fetch); nothing else.
        Assert.All(recorded.Errors, e => Assert.Contains("400", e));
        AssertOwnOrigin(recorded);
    }

    [Fact]
    public async Task Operator_SeesItsOwnCallsOnly_AndNoVerification()
    {
        await using var recorded = await RecordedPage.OpenAsync(chromium, city.Catalog);
        await recorded.StepAsync(async page =>
        {
            await SignInAsync(page, city.Token("op-unlicensed"), "/console/ledger");
            var rows = page.Locator("[data-test=calls] tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows.First).ToContainTextAsync(city.DeniedRequestId.ToString("D"));
        });

        Assert.Equal(0, await recorded.Page.Locator("[data-test=verification]").CountAsync());
        Assert.Equal(0, await recorded.Page.Locator("[data-test=caller]").CountAsync());
        Assert.DoesNotContain(recorded.Requested, url => url.Contains("/verifications", StringComparison.Ordinal));
        Assert.Empty(recorded.Errors);
    }

    private void AssertOwnOrigin(RecordedPage recorded) =>
        Assert.All(recorded.Requested, url => Assert.True(
            url.StartsWith(city.Catalog.ToString(), StringComparison.Ordinal) || url.StartsWith("blob:" + city.Catalog, StringComparison.Ordinal), url));
}
