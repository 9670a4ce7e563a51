using DataGateway.Policy.Model;

namespace DataGateway.Policy.Tests.Model;

/// <summary>
/// Issue 14: a snapshot finds a landing zone by district only while its organization is in the snapshot as a
/// district of that very code, so a zone never routes a district's rows to an organization that is no longer it.
/// </summary>
public class CatalogSnapshotLandingZoneTests
{
    private static readonly LandingZone Xuhui = new("district-310104", "310104", new Uri("https://xuhui.example/in"), LandingAuthKind.Bearer, null, "landing-310104", 500);

    private static Organization District(string id, string code) => new(id, id, OrganizationKind.District, code, new HashSet<string>());

    [Fact]
    public void FindLandingZone_OrganizationIsTheDistrict_FindsItsZone()
    {
        var snapshot = new CatalogSnapshot(1, [District("district-310104", "310104")], [], [], [], [Xuhui]);

        Assert.Same(Xuhui, snapshot.FindLandingZone("310104"));
        Assert.Equal([Xuhui], snapshot.LandingZones);
        Assert.Null(snapshot.FindLandingZone("310101"));
    }

    [Fact]
    public void FindLandingZone_OrganizationGoneOrAnotherKindOrDistrict_FindsNothing()
    {
        var gone = new CatalogSnapshot(1, [], [], [], [], [Xuhui]);
        var operatorNow = new CatalogSnapshot(1, [new Organization("district-310104", "x", OrganizationKind.Operator, null, new HashSet<string>())], [], [], [], [Xuhui]);
        var moved = new CatalogSnapshot(1, [District("district-310104", "310101")], [], [], [], [Xuhui]);

        foreach (var snapshot in new[] { gone, operatorNow, moved })
        {
            Assert.Null(snapshot.FindLandingZone("310104"));
            Assert.Null(snapshot.FindLandingZone("310101"));
            Assert.Empty(snapshot.LandingZones);
        }
    }

    [Fact]
    public void FindLandingZone_TwoZonesForOneDistrict_TheLowerOrganizationIdWins()
    {
        var street = Xuhui with { OrganizationId = "district-310104-a", Url = new Uri("https://street.example/") };
        var snapshot = new CatalogSnapshot(1, [District("district-310104", "310104"), District("district-310104-a", "310104")], [], [], [], [street, Xuhui]);

        Assert.Same(Xuhui, snapshot.FindLandingZone("310104"));
    }

    [Fact]
    public void With_Delta_ReplacesAndDropsZonesByOrganization_AndKeepsTheOthers()
    {
        var huangpu = new LandingZone("district-310101", "310101", new Uri("https://huangpu.example/"), LandingAuthKind.None, null, null, 1000);
        var before = new CatalogSnapshot(1, [District("district-310104", "310104"), District("district-310101", "310101")], [], [], [], [Xuhui, huangpu]);
        var changed = Xuhui with { BatchSize = 10 };

        var replaced = before.With(2, new CatalogDelta(new HashSet<string>(), [], [], [], [], new HashSet<string> { "district-310104" }, [changed]));
        var dropped = before.With(3, new CatalogDelta(new HashSet<string>(), [], [], [], [], new HashSet<string> { "district-310101" }, []));

        Assert.Same(changed, replaced.FindLandingZone("310104"));
        Assert.Same(huangpu, replaced.FindLandingZone("310101"));
        Assert.Null(dropped.FindLandingZone("310101"));
        Assert.Same(Xuhui, dropped.FindLandingZone("310104"));
    }
}
