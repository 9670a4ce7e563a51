using System.Net;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.LandingZones.LandingZoneRequests;

namespace DataGateway.Catalog.Tests.LandingZones;

/// <summary>
/// Issue 14, point 1: <c>GET /v1/landing-zones</c> pages like every control-plane list (by organization id,
/// <c>X-Total-Count</c>, <c>Link</c>) and filters by <c>district=</c>. Only the list test writes zones in the class's catalog.
/// </summary>
public class LandingZoneListTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task List_Admin_PagesByOrganizationId_AndFiltersByDistrict()
    {
        using var admin = catalog.Admin();
        string[] codes = ["310116", "310101", "310104", "310117", "310118"];
        foreach (var code in codes.Where(c => c != "310104"))
        {
            await catalog.DistrictAsync(code);
        }

        foreach (var code in codes)
        {
            (await admin.PutZoneAsync("district-" + code, Bearer($"https://landing.example/{code}", "landing-" + code, batchSize: 500))).EnsureSuccessStatusCode();
        }

        var first = await admin.GetAsync("/v1/landing-zones?size=2");
        var second = await admin.GetAsync("/v1/landing-zones?page=2&size=2");
        var last = await admin.GetAsync("/v1/landing-zones?page=3&size=2");
        var all = (await (await admin.GetAsync("/v1/landing-zones")).JsonAsync()).EnumerateArray().ToList();

        var ids = codes.Select(c => "district-" + c).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ids, all.Select(z => z.GetProperty("organizationId").GetString()));
        Assert.Equal(ids[..2], (await first.JsonAsync()).EnumerateArray().Select(z => z.GetProperty("organizationId").GetString()));
        Assert.Equal(ids[2..4], (await second.JsonAsync()).EnumerateArray().Select(z => z.GetProperty("organizationId").GetString()));
        Assert.Equal(ids[4..], (await last.JsonAsync()).EnumerateArray().Select(z => z.GetProperty("organizationId").GetString()));
        Assert.Equal("5", second.Headers.GetValues("X-Total-Count").Single());
        var link = second.Headers.GetValues("Link").Single();
        Assert.Contains("</v1/landing-zones?page=1&size=2>; rel=\"first\"", link);
        Assert.Contains("</v1/landing-zones?page=1&size=2>; rel=\"prev\"", link);
        Assert.Contains("</v1/landing-zones?page=3&size=2>; rel=\"next\"", link);
        Assert.Contains("</v1/landing-zones?page=3&size=2>; rel=\"last\"", link);
        var xuhui = all.Single(z => z.GetProperty("districtCode").GetString() == "310104");
        Assert.Equal(("https://landing.example/310104", "bearer", "landing-310104", 500),
            (xuhui.GetProperty("url").GetString(), xuhui.GetProperty("auth").GetProperty("kind").GetString(),
             xuhui.GetProperty("auth").GetProperty("secretRef").GetString(), xuhui.GetProperty("batchSize").GetInt32()));

        var filtered = await admin.GetAsync("/v1/landing-zones?district=310117&size=1");
        Assert.Equal(["district-310117"], (await filtered.JsonAsync()).EnumerateArray().Select(z => z.GetProperty("organizationId").GetString()));
        Assert.Equal("1", filtered.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("district=310117", filtered.Headers.GetValues("Link").Single());
        var none = await admin.GetAsync("/v1/landing-zones?district=310151");
        Assert.Empty((await none.JsonAsync()).EnumerateArray());
        Assert.Equal("0", none.Headers.GetValues("X-Total-Count").Single());
    }

    [Theory]
    [InlineData("district=31010")]
    [InlineData("district=abcdef")]
    [InlineData("district=")]
    [InlineData("size=0")]
    [InlineData("page=x")]
    public async Task List_BadParameter_Answers400NamingIt(string query)
    {
        using var admin = catalog.Admin();

        var problem = await (await admin.GetAsync("/v1/landing-zones?" + query)).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(query.Split('=')[0], out _), problem.ToString());
    }
}
