using System.Net;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.WebConsole;

/// <summary>
/// Issue 17, point 1: <c>GET /console/config.json</c> over HTTP, without a token: whether the console offers sign-in at
/// an OpenID Connect provider and with which settings; the console's CSP lets it talk to that provider's origin, and
/// to nothing but its own origin when none is configured.
/// </summary>
public sealed class ConsoleConfigTests(ConsoleConfigTests.OidcCatalog oidc, CatalogProcess plain)
    : IClassFixture<ConsoleConfigTests.OidcCatalog>, IClassFixture<CatalogProcess>
{
    [Fact]
    public async Task Config_OidcConfigured_SaysSoWithItsPublicSettings()
    {
        using var anonymous = oidc.Client(null);

        using var response = await anonymous.GetAsync("/console/config.json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var settings = body.RootElement.GetProperty("oidc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.True(settings.GetProperty("configured").GetBoolean());
        Assert.Equal(OidcCatalog.Authority, settings.GetProperty("authority").GetString());
        Assert.Equal("datagateway-console", settings.GetProperty("clientId").GetString());
        Assert.Equal("openid profile", settings.GetProperty("scope").GetString());
        Assert.Equal(["oidc"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Config_NoOidc_SaysNotConfigured()
    {
        using var anonymous = plain.Client(null);

        using var response = await anonymous.GetAsync("/console/config.json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var settings = body.RootElement.GetProperty("oidc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(settings.GetProperty("configured").GetBoolean());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("authority").ValueKind);
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("clientId").ValueKind);
    }

    [Theory]
    [InlineData("/console/config.json")]
    [InlineData("/console/")]
    [InlineData("/console/callback")]
    public async Task Csp_OidcConfigured_AddsTheAuthoritysOriginToConnectSrcOnly(string path)
    {
        using var anonymous = oidc.Client(null);

        using var response = await anonymous.GetAsync(path);
        var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));

        // The origin, not the authority's path: CSP source expressions with a path would match that path only.
        Assert.Equal("'self' http://127.0.0.1:8083", policy["connect-src"]);
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["form-action"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
    }

    [Theory]
    [InlineData("/console/config.json")]
    [InlineData("/console/")]
    public async Task Csp_NoOidc_ConnectsToItsOwnOriginOnly(string path)
    {
        using var anonymous = plain.Client(null);

        using var response = await anonymous.GetAsync(path);
        var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));

        Assert.Equal("'self'", policy["connect-src"]);
        Assert.Equal("'self'", policy["default-src"]);
    }

    private static Dictionary<string, string> Directives(string policy) => policy
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => d.Split(' ', 2))
        .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    /// <summary>A catalog whose console signs people in at a provider (none needs to run: the catalog never calls it).</summary>
    public sealed class OidcCatalog : CatalogProcess
    {
        public const string Authority = "http://127.0.0.1:8083/realms/city";

        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["DataGateway__Console__Oidc__Authority"] = Authority,
            ["DataGateway__Console__Oidc__ClientId"] = "datagateway-console",
            ["DataGateway__Console__Oidc__Scope"] = "openid profile",
        };
    }
}
