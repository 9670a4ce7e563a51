using System.Net;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.LandingZones.LandingZoneRequests;

namespace DataGateway.Catalog.Tests.LandingZones;

/// <summary>
/// Issue 14, point 1: every way a landing zone's body can be wrong is refused with a code of its own naming the
/// member, in Chinese and English, with the request id, and nothing is saved. What the rules let through is accepted.
/// </summary>
public class LandingZoneValidationTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private const string Id = "district-310104";

    [Theory]
    [InlineData("""{"auth":{"kind":"bearer","secretRef":"s"}}""", "landing_url_invalid", "url")]
    [InlineData("""{"url":"","auth":{"kind":"bearer","secretRef":"s"}}""", "landing_url_invalid", "url")]
    [InlineData("""{"url":"/relative/path","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_invalid", "url")]
    [InlineData("""{"url":"ftp://landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_invalid", "url")]
    [InlineData("""{"url":"file:///etc/passwd","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_invalid", "url")]
    [InlineData("""{"url":" https://landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_invalid", "url")]
    [InlineData("""{"url":"https://","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_invalid", "url")]
    [InlineData("""{"url":"https://user:pw@landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_userinfo", "url")]
    [InlineData("""{"url":"https://@landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_userinfo", "url")]
    [InlineData("""{"url":"https://landing.example/in?key=s3cr3t","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_query", "url")]
    [InlineData("""{"url":"https://landing.example/in?","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_query", "url")]
    [InlineData("""{"url":"https://landing.example/in#part","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_fragment", "url")]
    [InlineData("""{"url":"http://landing.example/in","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_https_required", "url")]
    [InlineData("""{"url":"http://10.0.0.8:9090/in","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "landing_url_https_required", "url")]
    [InlineData("""{"url":"https://landing.example/"}""", "landing_auth_kind_invalid", "auth")]
    [InlineData("""{"url":"https://landing.example/","auth":{}}""", "landing_auth_kind_invalid", "auth.kind")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"basic","secretRef":"s"}}""", "landing_auth_kind_invalid", "auth.kind")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"Bearer","secretRef":"s"}}""", "landing_auth_kind_invalid", "auth.kind")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","secretRef":"s"}}""", "landing_header_invalid", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"","secretRef":"s"}}""", "landing_header_invalid", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"X Key","secretRef":"s"}}""", "landing_header_invalid", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"X-Key:","secretRef":"s"}}""", "landing_header_invalid", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"X-密钥","secretRef":"s"}}""", "landing_header_invalid", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"Authorization","secretRef":"s"}}""", "landing_header_reserved", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"host","secretRef":"s"}}""", "landing_header_reserved", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"Content-Length","secretRef":"s"}}""", "landing_header_reserved", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"content-type","secretRef":"s"}}""", "landing_header_reserved", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"Transfer-Encoding","secretRef":"s"}}""", "landing_header_reserved", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"Connection","secretRef":"s"}}""", "landing_header_reserved", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"X-DataGateway-Batch","secretRef":"s"}}""", "landing_header_reserved", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","header":"X-Key","secretRef":"s"}}""", "landing_header_unexpected", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"none","header":"X-Key"}}""", "landing_header_unexpected", "auth.header")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer"}}""", "landing_secret_ref_required", "auth.secretRef")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"X-Key"}}""", "landing_secret_ref_required", "auth.secretRef")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":""}}""", "landing_secret_ref_invalid", "auth.secretRef")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"Landing"}}""", "landing_secret_ref_invalid", "auth.secretRef")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":".hidden"}}""", "landing_secret_ref_invalid", "auth.secretRef")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"../etc/passwd"}}""", "landing_secret_ref_invalid", "auth.secretRef")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"a234567890123456789012345678901234567890123456789012345678901234"}}""", "landing_secret_ref_invalid", "auth.secretRef")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"none","secretRef":"s"}}""", "landing_secret_ref_unexpected", "auth.secretRef")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104"},"batchSize":0}""", "landing_batch_size_out_of_range", "batchSize")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104"},"batchSize":10001}""", "landing_batch_size_out_of_range", "batchSize")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104"},"batchSize":-5}""", "landing_batch_size_out_of_range", "batchSize")]
    // Caught by the strict input rules before the zone's own: a secret's value has no member to go in.
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"s","token":"s3cr3t"}}""", "json_unknown_member", "auth.token")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"s","secret":"s3cr3t"}}""", "json_unknown_member", "auth.secret")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"s","password":"s3cr3t"}}""", "json_unknown_member", "auth.password")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"s","value":"s3cr3t"}}""", "json_unknown_member", "auth.value")]
    [InlineData("""{"url":"https://landing.example/","token":"s3cr3t","auth":{"kind":"bearer","secretRef":"landing-310104"}}""", "json_unknown_member", "token")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"s","secretre\u0066":"t"}}""", "json_duplicate_member", "auth.secretRef")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104"},"batchSize":1.5}""", "json_wrong_type", "batchSize")]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"landing-310104"},"batchSize":"500"}""", "json_wrong_type", "batchSize")]
    public async Task Put_BadBody_IsRefusedWithItsCodeNamingTheMember_AndSavesNothing(string body, string code, string member)
    {
        // A district no other test of the class gives a zone, so "nothing saved" is its stream having no event at all.
        var id = await catalog.EnsureDistrictAsync("310112");
        using var admin = catalog.Admin();

        var problem = await (await admin.PutZoneAsync(id, body)).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, code);

        Assert.Equal(member, problem.GetProperty("member").GetString());
        await (await admin.GetAsync(PathOf(id))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, await catalog.ScalarAsync($"select count(*) from mt_events where stream_id = 'landing-zone:{id}'"));
    }

    [Fact]
    public async Task Put_ManyProblems_ListsEveryOneWithItsCode_InChineseOrEnglish()
    {
        using var admin = catalog.Admin();
        const string body = """{"url":"http://u:p@landing.example/?k#f","auth":{"kind":"header","header":"Host"},"batchSize":20000}""";

        var zh = await (await admin.PutZoneAsync(Id, body)).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "landing_url_userinfo");
        var en = await (await admin.PutZoneAsync(Id, body, language: "en")).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "landing_url_userinfo");

        string[] codes = ["landing_url_userinfo", "landing_url_query", "landing_url_fragment", "landing_url_https_required", "landing_header_reserved", "landing_secret_ref_required", "landing_batch_size_out_of_range"];
        Assert.Equal(codes, zh.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal(codes, en.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal("落地地址含有用户信息", zh.GetProperty("title").GetString());
        Assert.Equal("The landing URL has user info.", en.GetProperty("title").GetString());
        Assert.Contains("batchSize 须在 1 到 10000 之间", zh.GetProperty("issues")[6].GetProperty("detail").GetString());
        Assert.Equal("batchSize must be between 1 and 10000 (default 1000).", en.GetProperty("issues")[6].GetProperty("detail").GetString());
        Assert.Equal("auth.header", en.GetProperty("issues")[4].GetProperty("member").GetString());
        Assert.Contains("'Host'", en.GetProperty("issues")[4].GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:9090/landing/310104", "http://127.0.0.1:9090/landing/310104")]
    [InlineData("http://localhost:9090/landing", "http://localhost:9090/landing")]
    [InlineData("http://[::1]:9090/landing", "http://[::1]:9090/landing")]
    [InlineData("https://landing.example", "https://landing.example/")]
    [InlineData("HTTPS://Landing.Example:443/In/%E6%94%B6", "https://landing.example/In/%E6%94%B6")]
    public async Task Put_LoopbackHttpOrHttps_IsAcceptedAsTheWorkerWillCallIt(string url, string stored)
    {
        using var admin = catalog.Admin();

        var view = await (await admin.PutZoneAsync(Id, LandingZoneRequests.Bearer(url, "landing-310104"))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(stored, view.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteZoneAsync(Id)).StatusCode);
    }

    [Theory]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"none"},"batchSize":1}""", "none", null, null, 1)]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"bearer","secretRef":"a.b_c-9"},"batchSize":10000}""", "bearer", null, "a.b_c-9", 10000)]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"X-Api-Key","secretRef":"xuhui-key"}}""", "header", "X-Api-Key", "xuhui-key", 1000)]
    [InlineData("""{"url":"https://landing.example/","auth":{"kind":"header","header":"apikey!#$%&'*+.^_`|~","secretRef":"k"}}""", "header", "apikey!#$%&'*+.^_`|~", "k", 1000)]
    public async Task Put_EveryKind_IsStoredAsGiven(string body, string kind, string? header, string? secretRef, int batchSize)
    {
        using var admin = catalog.Admin();

        var auth = (await (await admin.PutZoneAsync(Id, body)).JsonAsync(HttpStatusCode.Created)).GetProperty("auth");
        var read = await (await admin.GetAsync(PathOf(Id))).JsonAsync();

        Assert.Equal((kind, header, secretRef), (auth.GetProperty("kind").GetString(), auth.GetProperty("header").GetString(), auth.GetProperty("secretRef").GetString()));
        Assert.Equal(batchSize, read.GetProperty("batchSize").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteZoneAsync(Id)).StatusCode);
    }
}
