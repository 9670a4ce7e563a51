using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using DataGateway.Policy.Model;
using static DataGateway.Policy.Tests.Engine.CatalogBuilder;

namespace DataGateway.Policy.Tests.Engine;

/// <summary>A grant adds to a district's return set (属地返还) on its own rows, never takes from it (issue 12, point 11).</summary>
public class DistrictReturnSetTests
{
    private static readonly CatalogPolicyEngine Engine = new();
    private static readonly Organization Xuhui = District("310104");

    private static Decision Decide(CatalogSnapshot snapshot, string[]? fields = null, string? district = null, DataAction action = DataAction.Query) =>
        Engine.Decide(snapshot, new AccessRequest(new CallerIdentity(Xuhui.Id, Xuhui.Kind, Xuhui.DistrictCode), "housing", action, fields, district, Now));

    [Fact]
    public void Decide_NarrowGrantForOwnDistrict_StillReturnsTheWholeReturnSetPlusTheGrant()
    {
        var snapshot = Snapshot(Housing(), [Xuhui], Grant(Xuhui.Id, ["id", "owner_id_number"]));

        var decision = Decide(snapshot);

        Assert.True(decision.Allowed);
        Assert.Equal(["id", "address", "district_code", "owner_name", "owner_id_number"], decision.Fields.Select(f => f.Name));
        Assert.Equal(["310104"], decision.Districts!);
        Assert.Equal(MaskKind.Keep, decision.Fields.Single(f => f.Name == "owner_name").Mask.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("310104")]
    public void Decide_NarrowGrantAskingForAReturnSetField_IsAllowed(string? district)
    {
        var snapshot = Snapshot(Housing(), [Xuhui], Grant(Xuhui.Id, ["id"]));

        var decision = Decide(snapshot, fields: ["owner_name", "address"], district: district);

        Assert.True(decision.Allowed, decision.Detail);
        Assert.Equal(["owner_name", "address"], decision.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Decide_NarrowGrantAskingOnlyForReturnSetFields_IsADistrictReturnOutsideTheGrant()
    {
        // Not under the grant, so not against its daily quota: the grant never takes the return set away, not even
        // once its quota is used up.
        var snapshot = Snapshot(Housing(), [Xuhui], Grant(Xuhui.Id, ["id", "owner_id_number"]));

        var decision = Decide(snapshot, fields: ["owner_name", "id"]);

        Assert.Equal(ReasonCodes.DistrictReturn, decision.ReasonCode);
        Assert.Null(decision.Grant);
    }

    [Fact]
    public void Decide_GrantForAnotherDistrictOnly_KeepsTheOwnDistrictsReturnSet()
    {
        var snapshot = Snapshot(Housing(), [Xuhui], Grant(Xuhui.Id, ["id"], districts: ["310101"]));

        var own = Decide(snapshot, district: "310104");
        var other = Decide(snapshot, district: "310101");

        Assert.True(own.Allowed, own.Detail);
        Assert.Equal(["310104"], own.Districts!);
        Assert.Equal(["id", "address", "district_code", "owner_name"], own.Fields.Select(f => f.Name));
        Assert.True(other.Allowed);
        Assert.Equal(["id"], other.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Decide_OtherDistrictsRows_GetTheGrantsFieldsOnly()
    {
        var snapshot = Snapshot(Housing(), [Xuhui], Grant(Xuhui.Id, ["id"], districts: ["310101", "310104"]));

        var other = Decide(snapshot, fields: ["owner_name"], district: "310101");
        var both = Decide(snapshot);
        var own = Decide(snapshot, fields: ["owner_name"], district: "310104");

        Assert.Equal(ReasonCodes.FieldNotGranted, other.ReasonCode);
        Assert.Equal(["id"], both.Fields.Select(f => f.Name));
        Assert.True(own.Allowed, own.Detail);
    }

    [Fact]
    public void Decide_ReturnSetOutsideUnconditionalData_IsNotAdded()
    {
        var snapshot = Snapshot(Housing(SharingAttribute.Conditional), [Xuhui], Grant(Xuhui.Id, ["id"]));

        var decision = Decide(snapshot, fields: ["owner_name"]);

        Assert.Equal(ReasonCodes.FieldNotGranted, decision.ReasonCode);
    }

    [Fact]
    public void Decide_VerifyUnderANarrowGrant_UsesTheGrantsVerifyFieldsOnly()
    {
        var snapshot = Snapshot(Housing(), [Xuhui], Grant(Xuhui.Id, ["id"], verify: ["id"]));

        var decision = Decide(snapshot, fields: ["owner_name"], action: DataAction.Verify);

        Assert.Equal(ReasonCodes.VerifyFieldNotGranted, decision.ReasonCode);
    }

    [Fact]
    public void Decide_NarrowGrantTwice_SharesTheJoinedFieldList()
    {
        var snapshot = Snapshot(Housing(), [Xuhui], Grant(Xuhui.Id, ["id"]));

        Assert.Same(Decide(snapshot).Fields, Decide(snapshot).Fields);
    }
}
