using System.Net;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Hosting;

/// <summary>
/// Issue 12, point 1: <c>/.well-known/jwks.json</c> over HTTP: the demo issuer's public keys exactly as the JWKS file
/// holds them, without a token; a catalog that runs no demo issuer answers 404 with a code.
/// </summary>
public class DemoIssuerEndpointTests(DemoIssuerEndpointTests.DemoIssuerCatalog demo, CatalogProcess plain)
    : IClassFixture<DemoIssuerEndpointTests.DemoIssuerCatalog>, IClassFixture<CatalogProcess>
{
    [Fact]
    public async Task Jwks_DemoIssuerConfigured_ServesTheFileAsJson()
    {
        using var anonymous = demo.Client(null);

        var response = await anonymous.GetAsync("/.well-known/jwks.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DemoIssuerCatalog.Jwks, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Jwks_NoDemoIssuer_Answers404WithACode()
    {
        using var anonymous = plain.Client(null);

        await (await anonymous.GetAsync("/.well-known/jwks.json")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    /// <summary>A catalog that publishes a JWKS file, as the demo's does.</summary>
    public sealed class DemoIssuerCatalog : CatalogProcess
    {
        public const string Jwks = """{"keys":[{"kty":"EC","crv":"P-256","kid":"demo-key","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}""";

        private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("datagateway-jwks-").FullName, "jwks.json");

        public DemoIssuerCatalog() => File.WriteAllText(_file, Jwks);

        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["DataGateway__Catalog__DemoIssuerJwksFile"] = _file,
        };

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
        }
    }
}
