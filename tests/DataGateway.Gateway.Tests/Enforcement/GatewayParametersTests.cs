using DataGateway.Gateway.Enforcement;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>Paging is the gateway's to check (issue 12, point 8): one canonical form, nothing for an upstream to reinterpret.</summary>
public class GatewayParametersTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("20", 20)]
    [InlineData("1000", 1000)]
    [InlineData("999999999", 999_999_999)]
    public void TryParsePaging_CanonicalDigits_IsTheNumber(string text, int expected)
    {
        Assert.True(GatewayParameters.TryParsePaging(text, int.MaxValue, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("5\t")]
    [InlineData("05")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("10.0")]
    [InlineData("1,000")]
    [InlineData("0x10")]
    [InlineData("abc")]
    [InlineData("１０")]
    [InlineData("٣")]
    [InlineData("1000000000")]
    [InlineData("99999999999999999999")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void TryParsePaging_AnythingElse_IsRefused(string text) =>
        Assert.False(GatewayParameters.TryParsePaging(text, int.MaxValue, out _));

    [Fact]
    public void TryParsePaging_AboveTheBound_IsRefused()
    {
        Assert.True(GatewayParameters.TryParsePaging("1000000", GatewayParameters.MaxPage, out _));
        Assert.False(GatewayParameters.TryParsePaging("1000001", GatewayParameters.MaxPage, out _));
    }
}
