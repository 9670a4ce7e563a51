using DataGateway.Gateway.Enforcement;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// Filters on masked fields are guessing oracles (issue 12, point 7): a filter is allowed only on a field the caller
/// receives unmasked, whatever spelling of the field's name the parameter uses.
/// </summary>
public class FilterRulesTests
{
    private static readonly Dataset Housing = new(
        "housing", "房屋信息", "dept-housing", "svc-housing", "/housing", "housing", SharingAttribute.Unconditional, false, "district_code", "",
        [
            new FieldDefinition("id", "编号", "string", FieldLevel.L1, false, MaskRule.None),
            new FieldDefinition("district_code", "区划", "string", FieldLevel.L1, false, MaskRule.None),
            new FieldDefinition("owner_name", "产权人", "string", FieldLevel.L3, true, new MaskRule(MaskKind.Keep, 1, 0)),
            new FieldDefinition("owner_id_number", "证件号", "string", FieldLevel.L4, true, new MaskRule(MaskKind.Keep, 6, 4)),
            new FieldDefinition("location.lng", "经度", "number", FieldLevel.L2, false, MaskRule.None),
            new FieldDefinition("location.lat", "纬度", "number", FieldLevel.L2, false, new MaskRule(MaskKind.Redact)),
        ],
        new HashSet<string>(),
        PriceSchedule.Constant(0m, 0m, 0m));

    /// <summary>What a district receives of its own rows: owner_name and location.lat masked, owner_id_number not at all.</summary>
    private static readonly Decision Returned = Decision.Allow(
        ReasonCodes.DistrictReturn,
        Housing,
        [
            new FieldDecision("id", MaskRule.None),
            new FieldDecision("district_code", MaskRule.None),
            new FieldDecision("owner_name", new MaskRule(MaskKind.Keep, 1, 0)),
            new FieldDecision("location.lng", MaskRule.None),
            new FieldDecision("location.lat", new MaskRule(MaskKind.Redact)),
        ],
        new HashSet<string> { "310104" },
        null,
        0m);

    private static FilterRules.Verdict Check(string query) => FilterRules.Check(new QueryCollection(QueryHelpers.ParseQuery(query)), Returned);

    [Theory]
    [InlineData("?id=H1")]
    [InlineData("?district_code=310104")]
    [InlineData("?location.lng=121.4")]
    [InlineData("?id=H1&page=2&size=10&fields=id,owner_name&district=310104")]
    [InlineData("?%69d=H1")]
    public void Check_FilterOnAnUnmaskedReturnedField_OrNoFilter_IsAllowed(string query)
    {
        var verdict = Check(query);

        Assert.True(verdict.Allowed);
    }

    [Theory]
    [InlineData("?owner_name=吴某某", "owner_name")]
    [InlineData("?owner%5Fname=吴某某", "owner_name")]
    [InlineData("?%6Fwner_name=吴某某", "owner_name")]
    [InlineData("?OWNER_NAME=吴某某", "owner_name")]
    [InlineData("?Owner_Name=吴某某", "owner_name")]
    [InlineData("?owner_name[$ne]=x", "owner_name")]
    [InlineData("?owner_name%5B%24regex%5D=%5E%E5%90%B4", "owner_name")]
    [InlineData("?filter[owner_name]=吴某某", "owner_name")]
    [InlineData("?owner_name__startswith=吴", "owner_name")]
    [InlineData("?owner_name!=x", "owner_name")]
    [InlineData("?owner_name%00=x", "owner_name")]
    [InlineData("?location.lat=31.2", "location.lat")]
    [InlineData("?location[lat]=31.2", "location.lat")]
    [InlineData("?LOCATION.LAT=31.2", "location.lat")]
    public void Check_FilterReadingAsAMaskedField_IsDeniedNamingIt(string query, string field)
    {
        var verdict = Check(query);

        Assert.Equal(ReasonCodes.FilterOnMaskedField, verdict.Deny?.ReasonCode);
        Assert.Equal([field], verdict.Deny!.DeniedFields);
    }

    [Theory]
    [InlineData("?owner_id_number=310104199001011234")]
    [InlineData("?OWNER_ID_NUMBER=310104199001011234")]
    [InlineData("?owner_id_number[like]=3101%25")]
    public void Check_FilterOnAFieldNotReturned_IsDeniedFieldNotGranted(string query)
    {
        var verdict = Check(query);

        Assert.Equal(ReasonCodes.FieldNotGranted, verdict.Deny?.ReasonCode);
        Assert.Equal(["owner_id_number"], verdict.Deny!.DeniedFields);
    }

    [Theory]
    [InlineData("?ID=H1", "ID")]
    [InlineData("?District_Code=310105", "District_Code")]
    [InlineData("?location[lng]=121.4", "location[lng]")]
    [InlineData("?sort=owner_name", "sort")]
    [InlineData("?q=吴", "q")]
    [InlineData("?Page=2", "Page")]
    [InlineData("?FIELDS=owner_name", "FIELDS")]
    [InlineData("?id_=x", "id_")]
    public void Check_AnyOtherSpellingOrParameter_IsNotAllowed(string query, string key)
    {
        var verdict = Check(query);

        Assert.Null(verdict.Deny);
        Assert.Equal(key, verdict.NotAllowed);
    }
}
