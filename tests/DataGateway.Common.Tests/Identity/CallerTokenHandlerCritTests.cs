using System.Security.Cryptography;
using System.Text;
using DataGateway.Common.Identity;
using DataGateway.Common.Problems;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Tests.Identity;

/// <summary>
/// RFC 7515 §4.1.11: a recipient must refuse a JWS whose <c>crit</c> names an extension it does not understand. The
/// platform understands none, so every token with a <c>crit</c> header is refused, whatever the value; each token here
/// is correctly signed with a trusted key, so nothing but <c>crit</c> can be the reason.
/// </summary>
public sealed class CallerTokenHandlerCritTests : IAsyncLifetime, IDisposable
{
    private readonly TokenFactory _tokens = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("identity-crit-").FullName;
    private readonly IdentityOptions _options;
    private IdentityHost _validator = null!;

    public CallerTokenHandlerCritTests()
    {
        var ecFile = Path.Combine(_directory, "ec.pub.pem");
        File.WriteAllText(ecFile, _tokens.EcKey.ExportSubjectPublicKeyInfoPem());
        _options = new IdentityOptions { Issuer = TokenFactory.Issuer, Audience = TokenFactory.Audience, SigningKeyFiles = [ecFile] };
    }

    public async Task InitializeAsync() => _validator = await IdentityHost.StartAsync(_options, TimeProvider.System);

    public async Task DisposeAsync() => await _validator.DisposeAsync();

    /// <summary>Header members after <c>alg</c>, <c>typ</c> and <c>kid</c>, as raw JSON text.</summary>
    public static TheoryData<string> CritHeaders() => new()
    {
        """ "crit":["x-unknown"],"x-unknown":true """,
        """ "crit":["b64"],"b64":false """,
        // Names a parameter that is not in the header at all.
        """ "crit":["exp"] """,
        """ "crit":[] """,
        """ "crit":"x-unknown" """,
        """ "crit":{"x-unknown":true} """,
        """ "crit":null """,
        """ "crit":[1,2] """,
        // The same member with its name escaped, and a repeated member whose last value looks harmless.
        """ "\u0063rit":["x-unknown"] """,
        """ "crit":["x-unknown"],"crit":[] """,
    };

    [Theory]
    [MemberData(nameof(CritHeaders))]
    public async Task Validate_HeaderWithCrit_IsRefusedWithItsOwnCode(string members)
    {
        var outcome = await _validator.ValidateAsync("Bearer " + Signed(members), default);

        Assert.False(outcome.Succeeded);
        Assert.Equal(EdgeProblemCodes.TokenCriticalHeaderUnsupported, outcome.ErrorCode);
    }

    [Fact]
    public async Task Validate_SameHandSignedTokenWithoutCrit_IsAccepted()
    {
        // The control: the hand-built token is valid in every other respect.
        var outcome = await _validator.ValidateAsync("Bearer " + Signed(""" "x-other":true """), default);

        Assert.True(outcome.Succeeded, outcome.ErrorCode);
    }

    [Fact]
    public async Task Validate_CritInsideANestedHeaderObject_IsAccepted()
    {
        // Only the header's own crit member counts; a member called crit inside another member's value is not one.
        var outcome = await _validator.ValidateAsync("Bearer " + Signed(""" "x-meta":{"crit":["x"]} """), default);

        Assert.True(outcome.Succeeded, outcome.ErrorCode);
    }

    private string Signed(string members)
    {
        var header = $$"""{"alg":"ES256","typ":"JWT","kid":"{{_tokens.EcKid}}",{{members.Trim()}}}""";
        var payload = System.Text.Json.JsonSerializer.Serialize(TokenFactory.Payload());
        var input = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header)) + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload));
        var signature = _tokens.EcKey.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    public void Dispose()
    {
        _tokens.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
