using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataGateway.Console.Tests;

/// <summary>The console's files as the catalog serves them at /console/, over HTTP: no token needed, no data in them.</summary>
public sealed partial class ConsoleFilesTests(ConsoleCatalog catalog) : IClassFixture<ConsoleCatalog>
{
    [Theory]
    [InlineData("/console/")]
    [InlineData("/console/datasets")]
    [InlineData("/console/datasets/housing-01/fields")]
    [InlineData("/console/datasets/housing.v2")]
    public async Task Get_AnyPageOfTheConsole_AnswersItsIndexWithTheSecurityHeaders(string path)
    {
        using var client = catalog.Client(null);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"app\"></div>", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Get_TheBareConsolePath_RedirectsIntoIt()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = catalog.BaseAddress };
        using var response = await client.GetAsync("/console");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Get_EveryAssetTheIndexNames_IsServedFromHereAndCachedForever()
    {
        using var client = catalog.Client(null);
        var index = await client.GetStringAsync("/console/");
        var references = AssetReference().Matches(index).Select(m => m.Groups["path"].Value).ToArray();
        // The page's icon is an empty data: URL (no request at all); everything else is a file of the console's.
        var assets = references.Where(r => r != "data:,").ToArray();

        Assert.NotEmpty(assets);
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        // Nothing from another origin: every script and style the page names is a path of this server's.
        Assert.DoesNotMatch(ExternalReference(), index);
        foreach (var asset in assets)
        {
            Assert.StartsWith("/console/assets/", asset);
            using var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        }
    }

    [Theory]
    [InlineData("/console/assets/missing-0000.js")]
    [InlineData("/console/favicon.ico")]
    [InlineData("/console/appsettings.json")]
    [InlineData("/console/%2e%2e/appsettings.json")]
    [InlineData("/console/..%2fappsettings.json")]
    [InlineData("/console/assets/..%2f..%2fappsettings.json")]
    public async Task Get_AFileTheConsoleDoesNotHave_Is404ProblemNeverTheIndexNorAFileOutsideIt(string path)
    {
        using var client = catalog.Client(null);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not_found", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("ConnectionString", body);
    }

    [GeneratedRegex("(?:src|href)=\"(?<path>[^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("(?:src|href)=\"(?:https?:)?//")]
    private static partial Regex ExternalReference();
}
