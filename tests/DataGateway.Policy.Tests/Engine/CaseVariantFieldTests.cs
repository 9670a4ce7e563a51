using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using DataGateway.Policy.Model;
using static DataGateway.Policy.Tests.Engine.CatalogBuilder;

namespace DataGateway.Policy.Tests.Engine;

/// <summary>
/// The catalog now refuses field names that differ only by case, but a dataset stored before that rule may still have
/// <c>secret</c> (L4) beside <c>SECRET</c> (L1). The engine matches names exactly, so such a dataset can never make a
/// grant of one field disclose the other.
/// </summary>
public class CaseVariantFieldTests
{
    private static readonly CatalogPolicyEngine Engine = new();

    private static readonly Dataset OldDataset = new(
        "housing", "房屋信息", "dept-housing", "svc-housing", "/housing", "finance", SharingAttribute.Conditional, true, null, "",
        [
            new FieldDefinition("id", "编号", "string", FieldLevel.L1, false, MaskRule.None),
            new FieldDefinition("secret", "秘密", "string", FieldLevel.L4, true, new MaskRule(MaskKind.Redact, 0, 0)),
            new FieldDefinition("SECRET", "公开编号", "string", FieldLevel.L1, false, MaskRule.None),
        ],
        new HashSet<string> { "id", "SECRET" },
        PriceSchedule.Constant(0.10m, 0.05m, 0.3m));

    private static readonly Organization Bank = Operator("op-bank", "finance");

    private static Decision Decide(string[]? fields) =>
        Engine.Decide(Snapshot(OldDataset, [Bank], Grant("op-bank", ["id", "SECRET"])),
            new AccessRequest(new CallerIdentity("op-bank", OrganizationKind.Operator, null), "housing", DataAction.Query, fields, null, Now));

    [Theory]
    [InlineData("secret")]
    [InlineData("Secret")]
    [InlineData("sEcReT")]
    public void Decide_GrantOfUpperCaseField_AskedForAnotherCase_DeniesFieldNotGranted(string asked)
    {
        var decision = Decide([asked]);

        Assert.False(decision.Allowed);
        Assert.Equal(ReasonCodes.FieldNotGranted, decision.ReasonCode);
        Assert.Equal([asked], decision.DeniedFields);
    }

    [Fact]
    public void Decide_GrantOfUpperCaseField_ReturnsThatFieldOnlyWithItsOwnMask()
    {
        var decision = Decide(null);

        Assert.True(decision.Allowed);
        Assert.Equal(["id", "SECRET"], decision.Fields.Select(f => f.Name));
        Assert.All(decision.Fields, f => Assert.Equal(MaskKind.None, f.Mask.Kind));
    }
}
