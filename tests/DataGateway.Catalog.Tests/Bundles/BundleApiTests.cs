using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Bundles;

/// <summary>
/// Issue 15, point 4: <c>GET /bundles/datagateway.tar.gz</c>, read back with System.Formats.Tar: the layout, the
/// manifest's revision equal to the catalog version, data matching the catalog without service addresses, 304 on an
/// unchanged ETag, a new revision after a change, and access by a bundle reader's token only.
/// </summary>
public sealed class BundleApiTests(BundleCatalog catalog) : IClassFixture<BundleCatalog>
{
    private const string Path = "/bundles/datagateway.tar.gz";

    private static async Task<Dictionary<string, byte[]>> ReadTarballAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/gzip", response.Content.Headers.ContentType?.MediaType);
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            Assert.Equal(TarEntryType.RegularFile, entry.EntryType);
            using var content = new MemoryStream();
            await entry.DataStream!.CopyToAsync(content);
            files.Add(entry.Name, content.ToArray());
        }

        return files;
    }

    private async Task<long> CatalogVersionAsync()
    {
        using var anonymous = catalog.Client(null);
        return (await (await anonymous.GetAsync("/readyz")).JsonAsync()).GetProperty("catalogVersion").GetInt64();
    }

    [Fact]
    public async Task Get_AsBundleReader_HasTheManifestTheDataAndTheRegoWithoutTests()
    {
        using var reader = catalog.Reader();

        var response = await reader.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var files = await ReadTarballAsync(response);
        Assert.Equal(
            ["/.manifest", "/data.json", "/datagateway/access.rego", "/datagateway/builtin.rego",
             "/datagateway/extensions/freeze.rego", "/datagateway/extensions/network.rego", "/datagateway/extensions/office_hours.rego"],
            files.Keys.Order(StringComparer.Ordinal));
        var manifest = JsonDocument.Parse(files["/.manifest"]).RootElement;
        Assert.Equal((await CatalogVersionAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), manifest.GetProperty("revision").GetString());
        Assert.Equal(["datagateway/access", "datagateway/builtin", "datagateway/catalog", "datagateway/extensions"],
            manifest.GetProperty("roots").EnumerateArray().Select(r => r.GetString()));
        Assert.StartsWith("package datagateway.access", RegoWithoutComments(files["/datagateway/access.rego"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_DataJson_MatchesTheCatalogAndHoldsNoServiceAddress()
    {
        using var reader = catalog.Reader();

        var files = await ReadTarballAsync(await reader.GetAsync(Path));

        var text = Encoding.UTF8.GetString(files["/data.json"]);
        var data = JsonDocument.Parse(text).RootElement.GetProperty("datagateway").GetProperty("catalog");
        var housing = data.GetProperty("datasets").GetProperty("housing");
        Assert.Equal(("dept-housing", "finance", "unconditional", true, "district_code"),
            (housing.GetProperty("owner").GetString(), housing.GetProperty("domain").GetString(), housing.GetProperty("sharing").GetString(),
             housing.GetProperty("openForOperation").GetBoolean(), housing.GetProperty("districtField").GetString()));
        Assert.Equal(["id", "address", "district_code", "owner_name", "owner_id_number"], housing.GetProperty("fields").EnumerateObject().Select(f => f.Name));
        Assert.Equal("keep:6:4", housing.GetProperty("fields").GetProperty("owner_id_number").GetProperty("mask").GetString());
        Assert.Equal("not_shared", data.GetProperty("datasets").GetProperty("secret-register").GetProperty("sharing").GetString());
        var bank = data.GetProperty("organizations").GetProperty("op-bank");
        Assert.Equal("operator", bank.GetProperty("kind").GetString());
        Assert.Equal(["finance"], bank.GetProperty("licensedDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("bundle_reader", data.GetProperty("organizations").GetProperty("opa-sidecar").GetProperty("kind").GetString());
        var grant = Assert.Single(data.GetProperty("grants").GetProperty("op-bank").GetProperty("housing").EnumerateArray());
        Assert.Equal((catalog.GrantId, "active"), (grant.GetProperty("id").GetString(), grant.GetProperty("state").GetString()));
        Assert.Equal(["address", "id"], grant.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        // Where the data lives stays in the catalog: no address, no service, no upstream path.
        Assert.DoesNotContain("127.0.0.1:9", text, StringComparison.Ordinal);
        Assert.DoesNotContain("svc-housing", text, StringComparison.Ordinal);
        Assert.DoesNotContain("baseAddress", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"path\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithTheETagAgain_Is304WithoutABody()
    {
        using var reader = catalog.Reader();
        var first = await reader.GetAsync(Path);
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, Path);
        again.Headers.IfNoneMatch.Add(etag);
        var response = await reader.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith($"\"{await CatalogVersionAsync()}-", etag.Tag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AfterACatalogChange_HasANewRevisionAndTheOldETagGetsTheBundle()
    {
        using var reader = catalog.Reader();
        var before = await reader.GetAsync(Path);
        var oldRevision = JsonDocument.Parse((await ReadTarballAsync(before))["/.manifest"]).RootElement.GetProperty("revision").GetString();

        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-later", name = "后来的运营机构", kind = "operator", licensedDomains = new[] { "finance" } });
        using var stale = new HttpRequestMessage(HttpMethod.Get, Path);
        stale.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await reader.SendAsync(stale);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        var files = await ReadTarballAsync(after);
        var revision = JsonDocument.Parse(files["/.manifest"]).RootElement.GetProperty("revision").GetString();
        Assert.NotEqual(oldRevision, revision);
        Assert.Equal((await CatalogVersionAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), revision);
        Assert.True(JsonDocument.Parse(files["/data.json"]).RootElement.GetProperty("datagateway").GetProperty("catalog")
            .GetProperty("organizations").TryGetProperty("op-later", out _));
    }

    [Fact]
    public async Task Get_AsAdmin_IsAllowed()
    {
        using var admin = catalog.Admin();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Path)).StatusCode);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("district")]
    [InlineData("department")]
    public async Task Get_AsAnyOtherKind_Is403BundleReaderRequiredInBothLanguages(string kind)
    {
        var token = kind switch
        {
            "operator" => catalog.Tokens.Operator("op-bank"),
            "district" => catalog.Tokens.District("310104"),
            _ => catalog.Tokens.Mint("dept-housing", "department"),
        };
        using var client = catalog.Client(token);
        using var english = new HttpRequestMessage(HttpMethod.Get, Path);
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var zh = await (await client.GetAsync(Path)).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "bundle_reader_required");
        var en = await (await client.SendAsync(english)).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "bundle_reader_required");

        Assert.Contains("策略包", zh.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("policy bundle", en.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithoutAToken_Is401()
    {
        using var anonymous = catalog.Client(null);

        await (await anonymous.GetAsync(Path)).AssertEdgeProblemAsync(HttpStatusCode.Unauthorized, "token_missing");
    }

    [Fact]
    public async Task Get_BundleReaderTheCatalogDoesNotHold_Is403CallerUnknown()
    {
        using var stranger = catalog.Client(catalog.Tokens.Mint("opa-unregistered", "bundle_reader"));

        await (await stranger.GetAsync(Path)).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "caller_unknown");
    }

    private static string RegoWithoutComments(byte[] content) =>
        string.Join('\n', Encoding.UTF8.GetString(content).Split('\n').Where(l => !l.StartsWith('#')));
}
