using System.Security.Cryptography;
using System.Text;
using DataGateway.Common.Identity;
using DataGateway.Common.Problems;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Tests.Identity;

/// <summary>
/// A claims set IdentityModel accepts but the platform refuses: a repeated claim name (read one way here and another
/// way by the next parser), and claims of the wrong JSON type (an <c>exp</c> string, an <c>org</c> array read as the
/// organization <c>["op-bank"]</c>). Each token is correctly signed with a trusted key, so only its claims can be the
/// reason.
/// </summary>
public sealed class CallerTokenHandlerClaimsShapeTests : IAsyncLifetime, IDisposable
{
    private readonly TokenFactory _tokens = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("identity-claims-").FullName;
    private IdentityHost _host = null!;

    public async Task InitializeAsync()
    {
        var ecFile = Path.Combine(_directory, "ec.pub.pem");
        await File.WriteAllTextAsync(ecFile, _tokens.EcKey.ExportSubjectPublicKeyInfoPem());
        _host = await IdentityHost.StartAsync(new IdentityOptions { Issuer = TokenFactory.Issuer, Audience = TokenFactory.Audience, SigningKeyFiles = [ecFile] }, TimeProvider.System);
    }

    /// <summary>Claims after iss, aud and exp, as raw JSON text; {exp} is an expiry an hour from now.</summary>
    public static TheoryData<string> BadClaims() => new()
    {
        """ "org":"op-bank","org":"admin","org_kind":"operator" """,
        """ "org":"op-bank","\u006frg":"admin","org_kind":"operator" """,
        """ "org":"op-bank","org_kind":"operator","org_kind":"admin" """,
        """ "org":"op-bank","org_kind":"operator","exp":{exp} """,
        """ "org":["op-bank"],"org_kind":"operator" """,
        """ "org":{"id":"op-bank"},"org_kind":"operator" """,
        """ "org":"op-bank","org_kind":["operator"] """,
        """ "org":"district-310104","org_kind":"district","district":310104 """,
        """ "org":"op-bank","org_kind":"operator","nbf":"0" """,
        """ "org":"op-bank","org_kind":"operator","district":null """,
    };

    [Theory]
    [MemberData(nameof(BadClaims))]
    public async Task Validate_ClaimsOfTheWrongShape_AreRefusedAsClaimsInvalid(string members)
    {
        var outcome = await _host.ValidateAsync("Bearer " + Signed(members, exp => exp.ToString(System.Globalization.CultureInfo.InvariantCulture)), default);

        Assert.False(outcome.Succeeded, outcome.Caller?.ToString());
        Assert.Equal(EdgeProblemCodes.TokenClaimsInvalid, outcome.ErrorCode);
    }

    [Fact]
    public async Task Validate_ExpiryWrittenAsAString_IsRefused()
    {
        var outcome = await _host.ValidateAsync("Bearer " + Signed(""" "org":"op-bank","org_kind":"operator" """, exp => $"\"{exp}\""), default);

        Assert.Equal(EdgeProblemCodes.TokenClaimsInvalid, outcome.ErrorCode);
    }

    [Fact]
    public async Task Validate_SameHandSignedClaimsWellShaped_AreAccepted()
    {
        // The control: the hand-built token is valid when its claims are.
        var outcome = await _host.ValidateAsync("Bearer " + Signed(""" "org":"district-310104","org_kind":"district","district":"310104","x-extra":[1,{"org":"x"}] """, exp => exp.ToString(System.Globalization.CultureInfo.InvariantCulture)), default);

        Assert.True(outcome.Succeeded, outcome.ErrorCode);
        Assert.Equal("310104", outcome.Caller!.DistrictCode);
    }

    private string Signed(string members, Func<long, string> exp)
    {
        var expiry = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var header = $$"""{"alg":"ES256","typ":"JWT","kid":"{{_tokens.EcKid}}"}""";
        var payload = $$"""{"iss":"{{TokenFactory.Issuer}}","aud":"{{TokenFactory.Audience}}","exp":{{exp(expiry)}},{{members.Trim().Replace("{exp}", expiry.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}}}""";
        var input = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header)) + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload));
        var signature = _tokens.EcKey.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose()
    {
        _tokens.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
