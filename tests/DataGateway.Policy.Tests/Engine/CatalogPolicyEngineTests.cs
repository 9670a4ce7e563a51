using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using DataGateway.Policy.Model;
using static DataGateway.Policy.Tests.Engine.CatalogBuilder;

namespace DataGateway.Policy.Tests.Engine;

public class CatalogPolicyEngineTests
{
    private static readonly CatalogPolicyEngine Engine = new();

    private static Decision Decide(CatalogSnapshot snapshot, Organization caller, DataAction action = DataAction.Query, string[]? fields = null, string? district = null) =>
        Engine.Decide(snapshot, new AccessRequest(new CallerIdentity(caller.Id, caller.Kind, caller.DistrictCode), "housing", action, fields, district, Now));

    [Fact]
    public void Decide_DistrictOwnRowsOfUnconditionalData_ReturnsDistrictReturnFieldsForItsDistrictOnly()
    {
        var xuhui = District("310104");
        var decision = Decide(Snapshot(Housing(), [xuhui]), xuhui);

        Assert.True(decision.Allowed);
        Assert.Equal(ReasonCodes.DistrictReturn, decision.ReasonCode);
        Assert.Equal(["id", "address", "district_code", "owner_name"], decision.Fields.Select(f => f.Name));
        Assert.Equal(["310104"], decision.Districts!);
        Assert.Equal(0m, decision.UnitPrice);
        Assert.Equal(MaskKind.Keep, decision.Fields.Single(f => f.Name == "owner_name").Mask.Kind);
    }

    [Fact]
    public void Decide_DistrictAsksForL4FieldWithoutGrant_DeniesNamingTheField()
    {
        var xuhui = District("310104");
        var decision = Decide(Snapshot(Housing(), [xuhui]), xuhui, fields: ["address", "owner_id_number"]);

        Assert.False(decision.Allowed);
        Assert.Equal(ReasonCodes.FieldNotGranted, decision.ReasonCode);
        Assert.Equal(["owner_id_number"], decision.DeniedFields);
    }

    [Fact]
    public void Decide_FieldsParameter_NarrowsToTheRequestedFieldsInRequestOrder()
    {
        var xuhui = District("310104");
        var decision = Decide(Snapshot(Housing(), [xuhui]), xuhui, fields: ["owner_name", "id", "id"]);

        Assert.True(decision.Allowed);
        Assert.Equal(["owner_name", "id"], decision.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Decide_SameShapeTwice_SharesTheFieldListAndDistrictSet()
    {
        // The gateway compiles one filter plan per decision shape, recognised by reference.
        var xuhui = District("310104");
        var snapshot = Snapshot(Housing(), [xuhui]);

        var first = Decide(snapshot, xuhui, fields: ["id", "address"]);
        var second = Decide(snapshot, xuhui, fields: ["id", "address"]);
        var whole = Decide(snapshot, xuhui);

        Assert.Same(first.Fields, second.Fields);
        Assert.Same(first.Districts, second.Districts);
        Assert.Same(whole.Fields, Decide(snapshot, xuhui).Fields);
        Assert.NotSame(first.Fields, whole.Fields);
    }

    [Fact]
    public void Decide_DistrictAsksForAnotherDistrictWithoutGrant_DeniesDistrictNotGranted()
    {
        var xuhui = District("310104");
        var decision = Decide(Snapshot(Housing(), [xuhui]), xuhui, district: "310101");

        Assert.False(decision.Allowed);
        Assert.Equal(ReasonCodes.DistrictNotGranted, decision.ReasonCode);
    }

    [Fact]
    public void Decide_DistrictWithCrossDistrictGrant_ReturnsTheGrantedDistrictsRows()
    {
        var xuhui = District("310104");
        var snapshot = Snapshot(Housing(), [xuhui], Grant(xuhui.Id, ["id", "address"], districts: ["310101", "310104"]));

        var other = Decide(snapshot, xuhui, district: "310101");
        var notCovered = Decide(snapshot, xuhui, district: "310105");

        Assert.True(other.Allowed);
        Assert.Equal(["310101"], other.Districts!);
        Assert.Equal(["id", "address"], other.Fields.Select(f => f.Name));
        Assert.Equal(ReasonCodes.DistrictNotGranted, notCovered.ReasonCode);
    }

    [Fact]
    public void Decide_ConditionalDataWithoutGrant_DeniesGrantMissingEvenForTheOwnDistrict()
    {
        var xuhui = District("310104");
        var decision = Decide(Snapshot(Housing(SharingAttribute.Conditional), [xuhui]), xuhui);

        Assert.Equal(ReasonCodes.GrantMissing, decision.ReasonCode);
    }

    [Fact]
    public void Decide_NotSharedData_DeniesEveryoneButTheOwner()
    {
        var bank = Operator("op-bank", "housing");
        var snapshot = Snapshot(Housing(SharingAttribute.NotShared, open: true), [bank], Grant("op-bank", ["id"]));

        Assert.Equal(ReasonCodes.DatasetNotShared, Decide(snapshot, bank).ReasonCode);
        Assert.True(Decide(snapshot, Department).Allowed);
        Assert.Equal(ReasonCodes.Owner, Decide(snapshot, Department).ReasonCode);
    }

    [Fact]
    public void Decide_OperatorWithoutLicensedDomain_DeniesDomainNotLicensedEvenWithAGrant()
    {
        var bank = Operator("op-bank", "finance");
        var snapshot = Snapshot(Housing(open: true), [bank], Grant("op-bank", ["id"]));

        Assert.Equal(ReasonCodes.DomainNotLicensed, Decide(snapshot, bank).ReasonCode);
    }

    [Fact]
    public void Decide_OperatorOnDatasetNotOpenForOperation_DeniesDomainNotLicensed()
    {
        var bank = Operator("op-bank", "housing");
        var snapshot = Snapshot(Housing(open: false), [bank], Grant("op-bank", ["id"]));

        Assert.Equal(ReasonCodes.DomainNotLicensed, Decide(snapshot, bank).ReasonCode);
    }

    [Fact]
    public void Decide_OperatorWithGrant_ReturnsGrantedFieldsAllRowsAndPrice()
    {
        var bank = Operator("op-bank", "housing");
        var snapshot = Snapshot(Housing(open: true), [bank], Grant("op-bank", ["id", "owner_id_number"]));

        var query = Decide(snapshot, bank);

        Assert.True(query.Allowed);
        Assert.Equal(ReasonCodes.Granted, query.ReasonCode);
        Assert.Null(query.Districts);
        Assert.Equal(0.10m, query.UnitPrice);
        Assert.Equal("g-op-bank", query.Grant!.Id);
        Assert.Equal(new MaskRule(MaskKind.Keep, 6, 4), query.Fields.Single(f => f.Name == "owner_id_number").Mask);
    }

    [Theory]
    [InlineData(GrantState.Suspended, ReasonCodes.GrantSuspended)]
    [InlineData(GrantState.Revoked, ReasonCodes.GrantRevoked)]
    public void Decide_GrantNotActive_DeniesWithItsState(GrantState state, string reason)
    {
        var bank = Operator("op-bank", "housing");
        var snapshot = Snapshot(Housing(open: true), [bank], Grant("op-bank", ["id"], state: state));

        Assert.Equal(reason, Decide(snapshot, bank).ReasonCode);
    }

    [Fact]
    public void Decide_GrantPastItsValidity_DeniesGrantExpired()
    {
        var bank = Operator("op-bank", "housing");
        var snapshot = Snapshot(Housing(open: true), [bank], Grant("op-bank", ["id"], until: Now.AddSeconds(-1)));

        Assert.Equal(ReasonCodes.GrantExpired, Decide(snapshot, bank).ReasonCode);
    }

    [Fact]
    public void Decide_OperatorWithoutLicences_DeniesDomainNotLicensed()
    {
        var unlicensed = Operator("op-unlicensed");
        var snapshot = Snapshot(Housing(), [unlicensed]);

        Assert.Equal(ReasonCodes.DomainNotLicensed, Decide(snapshot, unlicensed).ReasonCode);
    }

    [Fact]
    public void Decide_LicensedOperatorWithoutGrant_DeniesGrantMissing()
    {
        var bank = Operator("op-bank", "housing");
        var snapshot = Snapshot(Housing(open: true), [bank]);

        Assert.Equal(ReasonCodes.GrantMissing, Decide(snapshot, bank).ReasonCode);
    }

    [Fact]
    public void Decide_VerifyOnGrantedVerifyFields_AllowsAtTheVerifyPrice()
    {
        var bank = Operator("op-bank", "housing");
        var snapshot = Snapshot(Housing(open: true), [bank], Grant("op-bank", ["id"], verify: ["owner_id_number", "owner_name"]));

        var allowed = Decide(snapshot, bank, DataAction.Verify, fields: ["owner_id_number", "owner_name"]);
        var denied = Decide(snapshot, bank, DataAction.Verify, fields: ["address"]);

        Assert.True(allowed.Allowed);
        Assert.Equal(0.05m, allowed.UnitPrice);
        Assert.Equal(ReasonCodes.VerifyFieldNotGranted, denied.ReasonCode);
        Assert.Equal(["address"], denied.DeniedFields);
    }

    [Fact]
    public void Decide_VerifyByDistrictWithoutGrant_IsNotDistrictReturn()
    {
        var xuhui = District("310104");
        var decision = Decide(Snapshot(Housing(), [xuhui]), xuhui, DataAction.Verify, fields: ["owner_name"]);

        Assert.False(decision.Allowed);
        Assert.Equal(ReasonCodes.GrantMissing, decision.ReasonCode);
    }

    [Fact]
    public void Decide_UnknownDataset_DeniesDatasetUnknown()
    {
        var xuhui = District("310104");
        var decision = Engine.Decide(Snapshot(Housing(), [xuhui]),
            new AccessRequest(new CallerIdentity(xuhui.Id, OrganizationKind.District, "310104"), "nope", DataAction.Query, null, null, Now));

        Assert.Equal(ReasonCodes.DatasetUnknown, decision.ReasonCode);
    }

    [Theory]
    [InlineData("district-310104", OrganizationKind.District, "310101")]
    [InlineData("district-310104", OrganizationKind.Operator, null)]
    [InlineData("district-999999", OrganizationKind.District, "999999")]
    public void Decide_TokenDisagreesWithCatalog_DeniesCallerUnknown(string org, OrganizationKind kind, string? district)
    {
        var snapshot = Snapshot(Housing(), [District("310104")]);
        var decision = Engine.Decide(snapshot, new AccessRequest(new CallerIdentity(org, kind, district), "housing", DataAction.Query, null, null, Now));

        Assert.Equal(ReasonCodes.CallerUnknown, decision.ReasonCode);
    }

    [Fact]
    public void Decide_DistrictWithSuspendedGrantOnUnconditionalData_FallsBackToDistrictReturn()
    {
        var xuhui = District("310104");
        var snapshot = Snapshot(Housing(), [xuhui], Grant(xuhui.Id, ["owner_id_number"], state: GrantState.Suspended));

        var decision = Decide(snapshot, xuhui);

        Assert.Equal(ReasonCodes.DistrictReturn, decision.ReasonCode);
        Assert.DoesNotContain(decision.Fields, f => f.Name == "owner_id_number");
    }

    [Fact]
    public void Decide_AcrossAScheduledPriceChange_OperatorPaysTheOldPriceJustBeforeAndTheNewFromItsTime()
    {
        var change = Now.AddHours(1);
        var bank = Operator("op-bank", "housing");
        var snapshot = Snapshot(Housing(open: true, prices: ChangingPrices(change)), [bank], Grant("op-bank", ["id"], verify: ["owner_name"]));

        // One snapshot for all four calls: the change applies at its time, without a reload.
        Assert.Equal(0.10m, DecideAt(snapshot, bank, change.AddTicks(-10), DataAction.Query).UnitPrice);
        Assert.Equal(0.05m, DecideAt(snapshot, bank, change.AddTicks(-10), DataAction.Verify, ["owner_name"]).UnitPrice);
        Assert.Equal(0.12m, DecideAt(snapshot, bank, change, DataAction.Query).UnitPrice);
        Assert.Equal(0.06m, DecideAt(snapshot, bank, change.AddTicks(10), DataAction.Verify, ["owner_name"]).UnitPrice);
    }

    [Fact]
    public void Decide_AcrossAScheduledPriceChange_GovernmentCallersStayFree()
    {
        var change = Now.AddHours(1);
        var xuhui = District("310104");
        var huangpu = District("310101");
        var snapshot = Snapshot(Housing(open: true, prices: ChangingPrices(change)), [xuhui, huangpu], Grant(huangpu.Id, ["id"], districts: ["310104"]));

        foreach (var at in new[] { change.AddTicks(-10), change, change.AddDays(1) })
        {
            var districtReturn = DecideAt(snapshot, xuhui, at, DataAction.Query);
            var onGrant = DecideAt(snapshot, huangpu, at, DataAction.Query, district: "310104");
            var owner = DecideAt(snapshot, Department, at, DataAction.Query);

            Assert.Equal((ReasonCodes.DistrictReturn, 0m), (districtReturn.ReasonCode, districtReturn.UnitPrice));
            Assert.Equal((ReasonCodes.Granted, 0m), (onGrant.ReasonCode, onGrant.UnitPrice));
            Assert.Equal((ReasonCodes.Owner, 0m), (owner.ReasonCode, owner.UnitPrice));
        }
    }

    /// <summary>0.10 a query and 0.05 a verify since the epoch; 0.12 and 0.06 from <paramref name="change"/>.</summary>
    private static PriceSchedule ChangingPrices(DateTimeOffset change) => new(
    [
        new DatasetPrice(change, 0.12m, 0.06m, 0.4m),
        new DatasetPrice(DateTimeOffset.UnixEpoch, 0.10m, 0.05m, 0.3m),
    ]);

    private static Decision DecideAt(CatalogSnapshot snapshot, Organization caller, DateTimeOffset at, DataAction action, string[]? fields = null, string? district = null) =>
        Engine.Decide(snapshot, new AccessRequest(new CallerIdentity(caller.Id, caller.Kind, caller.DistrictCode), "housing", action, fields, district, at));
}
