namespace DataGateway.Chart.Tests;

/// <summary>
/// Issue 17, point 1: the console's OpenID Connect provider from the chart's values: unset by default (the console
/// offers the token paste only), and with <c>catalog.console.oidc.authority</c> set, the catalog gets the three
/// settings it reads (<c>DataGateway:Console:Oidc</c>).
/// </summary>
[Collection(ChartCollection.Name)]
public sealed class ConsoleOidcChartTests(RenderedChart chart)
{
    [Fact]
    public void Defaults_SetNoProvider()
    {
        Assert.True(chart.ExitCode == 0, chart.Output);

        Assert.DoesNotContain(Manifests.EnvironmentOf(chart.Minimal, "catalog"), e => e.StartsWith("DataGateway__Console__", StringComparison.Ordinal));
    }

    [Fact]
    public void Authority_Set_MapsToTheCatalogsConsoleOidcSettings()
    {
        Assert.True(chart.ExitCode == 0, chart.Output);
        var catalog = Manifests.Containers(chart.Everything).Single(c => c.Component == "catalog" && c.Container.Scalar("name") == "catalog").Container;
        var environment = catalog.List("env").ToDictionary(e => e.Scalar("name")!, e => e.Scalar("value"));

        Assert.Equal("https://id.example.gov.cn/realms/city", environment["DataGateway__Console__Oidc__Authority"]);
        Assert.Equal("datagateway-console", environment["DataGateway__Console__Oidc__ClientId"]);
        Assert.Equal("openid profile", environment["DataGateway__Console__Oidc__Scope"]);
        // Only the catalog serves the console.
        Assert.DoesNotContain(Manifests.EnvironmentOf(chart.Everything, "gateway"), e => e.StartsWith("DataGateway__Console__", StringComparison.Ordinal));
    }
}
