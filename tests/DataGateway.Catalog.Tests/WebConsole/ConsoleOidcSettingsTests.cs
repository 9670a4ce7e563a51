using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.WebConsole;

/// <summary>
/// Issue 17, point 1: a malformed <c>DataGateway:Console:Oidc</c> stops the catalog at start (exit 78, the setting
/// named by its full key and environment variable) before it touches a database: the authority's origin would go into
/// the console's CSP, and a console that cannot sign in should not look as if it could.
/// </summary>
public sealed class ConsoleOidcSettingsTests
{
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Database=none;Username=none";

    [Theory]
    [InlineData("not a url", "datagateway-console", "Authority")]
    [InlineData("ftp://idp.example.gov.cn", "datagateway-console", "Authority")]
    [InlineData("https://idp.example.gov.cn/?realm=city", "datagateway-console", "Authority")]
    [InlineData("https://idp.example.gov.cn/#x", "datagateway-console", "Authority")]
    [InlineData("https://idp.example.gov.cn'; script-src *", "datagateway-console", "Authority")]
    [InlineData("https://user:secret@idp.example.gov.cn", "datagateway-console", "Authority")]
    [InlineData("http://idp.example.gov.cn", "datagateway-console", "Authority")]
    [InlineData("/relative/path", "datagateway-console", "Authority")]
    [InlineData("https://idp.example.gov.cn", "", "ClientId")]
    public async Task Start_MalformedOidcSetting_ExitsWithItsFullKey(string authority, string clientId, string member)
    {
        using var tokens = new TestTokens();
        var environment = new Dictionary<string, string>(tokens.Settings)
        {
            ["DataGateway__Catalog__ConnectionString"] = NoDatabase,
            ["DataGateway__Console__Oidc__Authority"] = authority,
            ["DataGateway__Console__Oidc__ClientId"] = clientId,
            ["Urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
        };
        await using var process = ManagedProcess.Start("catalog/DataGateway.Catalog", [], environment);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 78, $"exited with {exitCode}:\n{process.Output}");
        Assert.Contains($"DataGateway:Console:Oidc:{member} (env DataGateway__Console__Oidc__{member})", process.Output);
        Assert.Contains("配置无效", process.Output);
        Assert.DoesNotContain("Unhandled exception", process.Output);
        Assert.DoesNotContain("secret", process.Output);
    }
}
