using System.Net;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 14, point 1: the demo seed registers a landing zone for each of the 16 districts on the receiver a city
/// names (<c>seed --landing-base</c>): <c>{base}/landing/{code}</c>, bearer, secret <c>landing-{code}</c>, 500 rows a
/// batch; and each district reads its own.
/// </summary>
public sealed class DemoLandingZonesTests(DemoLandingZonesTests.ReceiverCity city) : IClassFixture<DemoLandingZonesTests.ReceiverCity>
{
    /// <summary>A city whose receiver is elsewhere than the demo's default, as a test with a receiver of its own runs it.</summary>
    public sealed class ReceiverCity : DemoCity
    {
        public static readonly Uri Receiver = new("http://127.0.0.1:19090/receiver/");

        protected override Uri LandingBase => Receiver;
    }

    [Fact]
    public async Task Seed_EveryDistrict_HasAZoneOnTheCitysReceiver()
    {
        using var admin = city.CatalogClient("admin");

        var zones = (await (await admin.GetAsync("/v1/landing-zones")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(16, zones.Count);
        Assert.All(zones, z =>
        {
            var code = z.GetProperty("districtCode").GetString()!;
            Assert.Equal("district-" + code, z.GetProperty("organizationId").GetString());
            Assert.Equal($"http://127.0.0.1:19090/receiver/landing/{code}", z.GetProperty("url").GetString());
            Assert.Equal(("bearer", "landing-" + code), (z.GetProperty("auth").GetProperty("kind").GetString(), z.GetProperty("auth").GetProperty("secretRef").GetString()));
            Assert.Equal(500, z.GetProperty("batchSize").GetInt32());
        });
        Assert.Contains(zones, z => z.GetProperty("districtCode").GetString() == "310151");
    }

    [Fact]
    public async Task District_ReadsItsOwnZone_AndNoOtherDistricts()
    {
        using var xuhui = city.CatalogClient("district-310104");

        var own = await (await xuhui.GetAsync("/v1/organizations/district-310104/landing-zone")).JsonAsync();
        var list = (await (await xuhui.GetAsync("/v1/landing-zones")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal("http://127.0.0.1:19090/receiver/landing/310104", own.GetProperty("url").GetString());
        Assert.Equal(["district-310104"], list.Select(z => z.GetProperty("organizationId").GetString()));
        await (await xuhui.GetAsync("/v1/organizations/district-310101/landing-zone")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "landing_zone_not_own");
    }
}
