using System.Net;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Filters on masked fields are guessing oracles (issue 12, point 7): 徐汇区 sees owner_name only as 吴**, so it may not
/// ask "is the owner 吴某某?" by filtering on it, under any spelling of the field's name.
/// </summary>
public class FilterOnMaskedFieldTests(DemoCity city) : IClassFixture<DemoCity>
{
    /// <summary>A house of 徐汇区 as its owning department sees it: the owner's real name, which the district never receives.</summary>
    private async Task<(string Id, string OwnerName, string Usage)> SomeXuhuiHouseAsync()
    {
        using var department = city.GatewayClient("dept-housing");
        var row = (await (await department.GetAsync("/api/housing?district=310104&size=1")).JsonAsync())[0];
        return (row.GetProperty("id").GetString()!, row.GetProperty("owner_name").GetString()!, row.GetProperty("usage").GetString()!);
    }

    [Fact]
    public async Task Filter_RightGuessOfAMaskedField_Is403AndReturnsNoRow()
    {
        var house = await SomeXuhuiHouseAsync();
        using var xuhui = city.GatewayClient("district-310104");

        var response = await xuhui.GetAsync($"/api/housing?owner_name={Uri.EscapeDataString(house.OwnerName)}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "filter_on_masked_field");
        Assert.Equal(["owner_name"], problem.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(house.Id, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("owner_name")]
    [InlineData("owner%5Fname")]
    [InlineData("%6F%77%6E%65%72%5F%6E%61%6D%65")]
    [InlineData("OWNER_NAME")]
    [InlineData("Owner_Name")]
    [InlineData("owner_name%5B%24eq%5D")]
    [InlineData("owner_name[$regex]")]
    [InlineData("filter[owner_name]")]
    [InlineData("owner_name__exact")]
    [InlineData("address")]
    public async Task Filter_AnySpellingOfAMaskedField_Is403FilterOnMaskedField(string parameter)
    {
        var house = await SomeXuhuiHouseAsync();
        using var xuhui = city.GatewayClient("district-310104");

        var response = await xuhui.GetAsync($"/api/housing?{parameter}={Uri.EscapeDataString(house.OwnerName)}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "filter_on_masked_field");
    }

    [Fact]
    public async Task Filter_OnAFieldNotReturnedAtAll_Is403FieldNotGranted()
    {
        using var xuhui = city.GatewayClient("district-310104");

        var response = await xuhui.GetAsync("/api/housing?OWNER_ID_NUMBER=310104199001011234");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "field_not_granted");
    }

    [Fact]
    public async Task Filter_OnAnUnmaskedReturnedField_StillFilters()
    {
        var house = await SomeXuhuiHouseAsync();
        using var xuhui = city.GatewayClient("district-310104");

        var rows = await (await xuhui.GetAsync($"/api/housing?id={Uri.EscapeDataString(house.Id)}")).JsonAsync();

        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal(house.Id, row.GetProperty("id").GetString());
        Assert.NotEqual(house.OwnerName, row.GetProperty("owner_name").GetString());
    }

    [Fact]
    public async Task Filter_OnAMaskedField_IsRecordedInTheLedgerAsTheDeny()
    {
        using var xuhui = city.GatewayClient("district-310104");
        var response = await xuhui.GetAsync("/api/housing?owner_name=%E5%90%B4%E6%9F%90%E6%9F%90");

        var record = await LedgerLookup.OfAsync(city, response);
        Assert.False(record.Allowed);
        Assert.Equal("filter_on_masked_field", record.Reason);
        Assert.Equal(403, record.Status);
    }
}
