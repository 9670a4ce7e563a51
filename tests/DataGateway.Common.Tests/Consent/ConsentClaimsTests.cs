using DataGateway.Common.Consent;
using DataGateway.Policy.Decisions;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Tests.Consent;

/// <summary>The consent's own claims, read from the raw payload: every required claim with its type, no name twice.</summary>
public sealed class ConsentClaimsTests
{
    private const string Good = """
        "jti":"c-1","sub":"310104199001011234","operator":"op-insurer","dataset":"vaccinations","scenario":"健康险核保","fields":["person_id_number","vaccine"],"iat":1000,"exp":2000
        """;

    [Fact]
    public void Read_AWellFormedConsent_GivesItsClaims()
    {
        var read = ConsentClaims.Read(Encode("{" + Good + "}"));
        var consent = Assert.IsType<ConsentToken>(read.Token);
        Assert.Equal("c-1", consent.Id);
        Assert.Equal("310104199001011234", consent.Subject);
        Assert.Equal("op-insurer", consent.Operator);
        Assert.Equal(["person_id_number", "vaccine"], consent.Fields.Order());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(2000), consent.ExpiresAt);
    }

    [Theory]
    [InlineData(",\"sub\":\"other\"")]
    [InlineData(",\"s\\u0075b\":\"other\"")]
    [InlineData(",\"\\u0073ub\":\"other\"")]
    [InlineData(",\"fields\":[\"doses\"]")]
    [InlineData(",\"operator\":\"op-bank\"")]
    public void Read_AClaimGivenTwice_IsInvalid(string extra)
    {
        Assert.Equal(ReasonCodes.ConsentInvalid, ConsentClaims.Read(Encode("{" + Good + extra + "}")).ReasonCode);
    }

    [Theory]
    [InlineData("\"jti\":\"c-1\"", "\"jti\":\"c 1\"")]
    [InlineData("\"jti\":\"c-1\"", "\"jti\":1")]
    [InlineData("\"sub\":\"310104199001011234\"", "\"sub\":[\"310104199001011234\"]")]
    [InlineData("\"sub\":\"310104199001011234\"", "\"sub\":\"\"")]
    [InlineData("\"sub\":\"310104199001011234\"", "\"sub\":\"a\\u0000b\"")]
    [InlineData("\"operator\":\"op-insurer\",", "")]
    [InlineData("\"fields\":[\"person_id_number\",\"vaccine\"]", "\"fields\":[]")]
    [InlineData("\"fields\":[\"person_id_number\",\"vaccine\"]", "\"fields\":\"person_id_number\"")]
    [InlineData("\"fields\":[\"person_id_number\",\"vaccine\"]", "\"fields\":[1]")]
    [InlineData("\"iat\":1000", "\"iat\":\"1000\"")]
    [InlineData("\"exp\":2000", "\"exp\":500")]
    [InlineData("\"exp\":2000", "\"exp\":2000.5")]
    public void Read_AMissingOrMistypedClaim_IsInvalid(string claim, string replacement)
    {
        var payload = "{" + Good.Replace(claim, replacement, StringComparison.Ordinal) + "}";
        Assert.Equal(ReasonCodes.ConsentInvalid, ConsentClaims.Read(Encode(payload)).ReasonCode);
    }

    [Fact]
    public void Read_AnIdOf129Characters_IsInvalid()
    {
        var payload = "{" + Good.Replace("\"jti\":\"c-1\"", $"\"jti\":\"{new string('a', 129)}\"", StringComparison.Ordinal) + "}";
        Assert.Equal(ReasonCodes.ConsentInvalid, ConsentClaims.Read(Encode(payload)).ReasonCode);
        Assert.True(ConsentToken.IsValidId(new string('a', 128)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("{\"jti\":")]
    public void Read_NotAnObject_IsInvalid(string payload)
    {
        Assert.Equal(ReasonCodes.ConsentInvalid, ConsentClaims.Read(Encode(payload)).ReasonCode);
    }

    private static string Encode(string json) => Base64UrlEncoder.Encode(json.Trim());
}
