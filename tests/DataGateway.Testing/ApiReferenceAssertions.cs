using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Xunit;

namespace DataGateway.Testing;

/// <summary>
/// Checks shared by both services' API reference tests: the OpenAPI document parses as OpenAPI 3.1 with OpenAPI.NET's
/// own reader, and the Scalar page loads without a token and refers only to assets the service itself serves.
/// </summary>
public static partial class ApiReferenceAssertions
{
    /// <summary>Fetches <c>/openapi/v1.json</c> without a token; fails unless it reads as OpenAPI 3.1 without errors.</summary>
    public static async Task<(OpenApiDocument Document, JsonElement Json)> ReadOpenApiAsync(HttpClient anonymous)
    {
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/openapi/v1.json answered {(int)response.StatusCode}: {text}");
        var read = OpenApiDocument.Parse(text, "json");
        Assert.NotNull(read.Document);
        Assert.Empty(read.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic!.SpecificationVersion);
        return (read.Document!, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// Loads <c>/scalar/</c> without a token, asserts that its HTML names no other host, and fetches every asset it
    /// refers to (scripts, links, the favicon, the OpenAPI sources): each must answer 200 from the service itself.
    /// </summary>
    public static async Task AssertReferencePageIsSelfContainedAsync(HttpClient anonymous)
    {
        using var page = await anonymous.GetAsync("/scalar/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"/scalar/ answered {(int)page.StatusCode}: {html}");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotMatch(AbsoluteUrl(), html);

        var pageUri = new Uri(anonymous.BaseAddress!, "/scalar/");
        var assets = Referenced().Matches(html).Select(m => new Uri(pageUri, m.Groups["url"].Value))
            // Scalar resolves its OpenAPI sources against the site's root, not the page.
            .Concat(Source().Matches(html).Select(m => new Uri(anonymous.BaseAddress!, "/" + m.Groups["url"].Value.TrimStart('/'))))
            .Distinct()
            .ToList();
        Assert.Contains(assets, a => a.AbsolutePath.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.AbsolutePath == "/openapi/v1.json");
        foreach (var asset in assets)
        {
            Assert.Equal(anonymous.BaseAddress!.Authority, asset.Authority);
            using var response = await anonymous.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
        }
    }

    [GeneratedRegex(@"(?:https?:)?//[a-z0-9.-]+", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"(?:src|href)\s*=\s*[""'](?<url>[^""']+)[""']|from\s+'(?<url>[^']+)'|""favicon""\s*:\s*""(?<url>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex Referenced();

    [GeneratedRegex(@"""url""\s*:\s*""(?<url>[^""]+)""")]
    private static partial Regex Source();
}
