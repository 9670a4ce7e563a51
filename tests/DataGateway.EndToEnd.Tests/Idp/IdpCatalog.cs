using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Idp;

/// <summary>
/// The demo's OpenID Connect provider and a catalog as real processes, trusting the same key, the catalog's origin the
/// provider's console origin; the catalog knows the operator <c>op-bank</c> and the district <c>district-310104</c>.
/// </summary>
public sealed class IdpCatalog : CatalogProcess
{
    public IdpCatalog() => Idp = new IdpProcess(Tokens, $"http://127.0.0.1:{Port}");

    public IdpProcess Idp { get; }

    protected override IReadOnlyDictionary<string, string> ExtraSettings => Idp.CatalogSettings;

    public override async Task InitializeAsync()
    {
        await Idp.StartAsync();
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "op-bank", name = "某银行", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/organizations", new { id = "district-310104", name = "徐汇区人民政府", kind = "district", districtCode = "310104" });
    }

    /// <summary>A client of the provider that does not follow redirects (the tests read where it sends the browser).</summary>
    public HttpClient IdpClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Idp.Authority) };

    public override async Task DisposeAsync()
    {
        await Idp.DisposeAsync();
        await base.DisposeAsync();
    }
}
