using System.Net;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.LandingZones.LandingZoneRequests;

namespace DataGateway.Catalog.Tests.LandingZones;

/// <summary>
/// Issue 14, point 1: with <c>DataGateway:Catalog:LandingZones:AllowHttp</c> set (as the demo does), plain http is
/// accepted on any host; everything else about the URL is checked as ever.
/// </summary>
public class LandingZoneAllowHttpTests(LandingZoneAllowHttpTests.AllowHttpCatalog catalog) : IClassFixture<LandingZoneAllowHttpTests.AllowHttpCatalog>
{
    public sealed class AllowHttpCatalog : SeededCatalog
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["DataGateway__Catalog__LandingZones__AllowHttp"] = "true",
        };
    }

    [Fact]
    public async Task Put_HttpOnAnyHost_IsAccepted_ButCredentialsInTheUrlStillAreNot()
    {
        using var admin = catalog.Admin();

        var view = await (await admin.PutZoneAsync("district-310104", Bearer("http://landing.xuhui.example:9090/in", "landing-310104"))).JsonAsync(HttpStatusCode.Created);
        await (await admin.PutZoneAsync("district-310104", Bearer("http://u:p@landing.xuhui.example/", "landing-310104"))).AssertProblemAsync(HttpStatusCode.BadRequest, "landing_url_userinfo");

        Assert.Equal("http://landing.xuhui.example:9090/in", view.GetProperty("url").GetString());
    }
}
