using System.Net;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.LandingZones.LandingZoneRequests;

namespace DataGateway.Catalog.Tests.LandingZones;

/// <summary>
/// Issue 14, point 1: who may touch a landing zone. Admins any district's; a district its own only (another's is 403
/// <c>landing_zone_not_own</c>, whether or not it has one); operators and departments none (403
/// <c>landing_zone_not_allowed</c>), not even the list. A refusal changes nothing.
/// </summary>
public class LandingZoneAccessTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task District_OwnZone_WritesReadsAndDeletesIt()
    {
        var id = await catalog.EnsureDistrictAsync("310115");
        using var own = catalog.Client(catalog.Tokens.District("310115"));

        var created = await (await own.PutZoneAsync(id, Bearer("https://pudong.example/landing", "landing-310115"))).JsonAsync(HttpStatusCode.Created);
        var replaced = await own.PutZoneAsync(id, Bearer("https://pudong.example/v2", "landing-310115"), "\"1\"");
        var read = await (await own.GetAsync(PathOf(id))).JsonAsync();
        var history = (await (await own.GetAsync(PathOf(id) + "/history")).JsonAsync()).EnumerateArray().ToList();
        var list = (await (await own.GetAsync("/v1/landing-zones")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(1L, created.GetProperty("rowVersion").GetInt64());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("https://pudong.example/v2", read.GetProperty("url").GetString());
        Assert.All(history, e => Assert.Equal(id, e.GetProperty("actor").GetString()));
        Assert.Equal([id], list.Select(z => z.GetProperty("organizationId").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await own.DeleteZoneAsync(id)).StatusCode);
    }

    [Fact]
    public async Task District_AnotherOrganizationsZone_IsForbiddenForEveryMethod_AndNothingChanges()
    {
        var other = await catalog.EnsureDistrictAsync("310113");
        using var admin = catalog.Admin();
        await admin.PutZoneAsync(other, Bearer("https://yangpu.example/", "landing-310113"));
        using var xuhui = catalog.Client(catalog.Tokens.District("310104"));

        foreach (var target in new[] { other, "district-nobody", "op-bank" })
        {
            await (await xuhui.GetAsync(PathOf(target))).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "landing_zone_not_own");
            await (await xuhui.PutZoneAsync(target, Bearer("https://evil.example/", "stolen"))).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "landing_zone_not_own");
            await (await xuhui.DeleteZoneAsync(target)).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "landing_zone_not_own");
            await (await xuhui.GetAsync(PathOf(target) + "/history")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "landing_zone_not_own");
        }

        // Its own list does not show the other's, whatever the filter.
        Assert.Empty((await (await xuhui.GetAsync("/v1/landing-zones?district=310113")).JsonAsync()).EnumerateArray());
        var zone = await (await admin.GetAsync(PathOf(other))).JsonAsync();
        Assert.Equal(("https://yangpu.example/", 1L), (zone.GetProperty("url").GetString(), zone.GetProperty("rowVersion").GetInt64()));
    }

    [Theory]
    [InlineData("op-bank", "operator")]
    [InlineData("dept-housing", "department")]
    public async Task OperatorOrDepartment_AnyZone_IsForbidden_EvenItsOwnId(string organization, string kind)
    {
        var district = await catalog.EnsureDistrictAsync("310114");
        using var admin = catalog.Admin();
        await admin.PutZoneAsync(district, Bearer("https://minhang.example/", "landing-310114"));
        var version = (await (await admin.GetAsync(PathOf(district))).JsonAsync()).GetProperty("rowVersion").GetInt64();
        using var caller = catalog.Client(catalog.Tokens.Mint(organization, kind));
        caller.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        foreach (var target in new[] { district, organization })
        {
            await (await caller.GetAsync(PathOf(target))).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "landing_zone_not_allowed");
            await (await caller.PutZoneAsync(target, Bearer("https://evil.example/", "stolen"))).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "landing_zone_not_allowed");
            await (await caller.DeleteZoneAsync(target)).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "landing_zone_not_allowed");
            await (await caller.GetAsync(PathOf(target) + "/history")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "landing_zone_not_allowed");
        }

        var list = await (await caller.GetAsync("/v1/landing-zones")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "landing_zone_not_allowed");
        Assert.Equal("Not allowed to use landing zones.", list.GetProperty("title").GetString());
        Assert.Equal(version, (await (await admin.GetAsync(PathOf(district))).JsonAsync()).GetProperty("rowVersion").GetInt64());
    }

    [Fact]
    public async Task Anyone_WithoutAToken_Is401()
    {
        using var anonymous = catalog.Client(null);

        await (await anonymous.GetAsync(PathOf("district-310104"))).AssertEdgeProblemAsync(HttpStatusCode.Unauthorized, "token_missing");
        await (await anonymous.GetAsync("/v1/landing-zones")).AssertEdgeProblemAsync(HttpStatusCode.Unauthorized, "token_missing");
    }
}
