using Microsoft.Playwright;

namespace DataGateway.Console.Tests;

/// <summary>
/// Debian's chromium, headless, driven by Playwright (scripts/test.sh installs the package). Run as root it needs
/// --no-sandbox; the background-networking flags keep it from calling Google's hosts, which this machine's closed
/// network refuses. A fresh profile each time.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Waits, never bounds: an expectation polls until it holds, and on a busy CI machine a page may take longer
        // than Playwright's default 5 s to load and render; 60 s only decides how long a real failure takes to report.
        Assertions.SetDefaultExpectTimeout(60_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
