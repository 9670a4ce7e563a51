using Microsoft.Playwright;

namespace DataGateway.Console.Tests;

/// <summary>
/// A page in a fresh browser context on the catalog, recording what it requested and every error the browser
/// reported (a script error, a refused request, a CSP violation): a test asserts both, and a failing wait says why.
/// </summary>
public sealed class RecordedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private RecordedPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Request += (_, request) => Requested.Add(request.Url);
        page.PageError += (_, error) => Errors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add("console: " + message.Text);
            }
        };
    }

    public IPage Page { get; }

    public List<string> Requested { get; } = [];

    public List<string> Errors { get; } = [];

    public static async Task<RecordedPage> OpenAsync(Chromium chromium, Uri catalog, string locale = "zh-CN")
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = catalog.ToString(),
            Locale = locale,
            // A laptop's screen.
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        // The same for clicks, fills and navigations (Playwright's default: 30 s).
        context.SetDefaultTimeout(60_000);
        return new RecordedPage(context, await context.NewPageAsync());
    }

    /// <summary>Runs a step; if it fails, the failure carries what the browser reported.</summary>
    public async Task StepAsync(Func<IPage, Task> step)
    {
        try
        {
            await step(Page);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            throw new InvalidOperationException($"{ex.Message}\nBrowser errors:\n{string.Join('\n', Errors)}\nRequests:\n{string.Join('\n', Requested)}", ex);
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
