using System.Security.Cryptography;
using System.Text;
using DataGateway.Common.Identity;
using DataGateway.Common.Problems;
using DataGateway.Policy.Model;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Tests.Identity;

/// <summary>
/// Tokens through the real pipeline (JwtBearer with the platform's handler and events, on a loopback host): each
/// refusal is a 401 problem+json with its own code.
/// </summary>
public sealed class CallerTokenHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TokenFactory _tokens = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("identity-tests-").FullName;
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly IdentityOptions _options;
    private IdentityHost _validator = null!;

    public CallerTokenHandlerTests()
    {
        var ecFile = Path.Combine(_directory, "ec.pub.pem");
        var rsaFile = Path.Combine(_directory, "rsa.pub.pem");
        File.WriteAllText(ecFile, _tokens.EcKey.ExportSubjectPublicKeyInfoPem());
        File.WriteAllText(rsaFile, _tokens.RsaKey.ExportSubjectPublicKeyInfoPem());
        _options = new IdentityOptions
        {
            Issuer = TokenFactory.Issuer,
            Audience = TokenFactory.Audience,
            SigningKeyFiles = [ecFile, rsaFile],
        };
    }

    public async Task InitializeAsync() => _validator = await IdentityHost.StartAsync(_options, _time);

    public async Task DisposeAsync() => await _validator.DisposeAsync();

    [Fact]
    public async Task Validate_Es256Token_GivesTheCallerOfItsClaims()
    {
        var outcome = await _validator.ValidateAsync("Bearer " + _tokens.Es256(TokenFactory.Claims("district-310104", "district", "310104")), default);

        Assert.True(outcome.Succeeded, outcome.ErrorCode);
        Assert.Equal("district-310104", outcome.Caller!.OrganizationId);
        Assert.Equal(OrganizationKind.District, outcome.Caller.Kind);
        Assert.Equal("310104", outcome.Caller.DistrictCode);
    }

    [Fact]
    public async Task Validate_Rs256Token_IsAccepted()
    {
        var outcome = await _validator.ValidateAsync("Bearer " + _tokens.Rs(SecurityAlgorithms.RsaSha256), default);

        Assert.True(outcome.Succeeded, outcome.ErrorCode);
        Assert.Equal(OrganizationKind.Operator, outcome.Caller!.Kind);
        Assert.Null(outcome.Caller.DistrictCode);
    }

    /// <summary>The corpus's keys: static, because xUnit builds member data before any test instance exists.</summary>
    private static readonly TokenFactory CorpusTokens = new();

    private static readonly Lazy<Task<IdentityHost>> CorpusValidator = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("identity-corpus-").FullName;
        var ecFile = Path.Combine(directory, "ec.pub.pem");
        var rsaFile = Path.Combine(directory, "rsa.pub.pem");
        File.WriteAllText(ecFile, CorpusTokens.EcKey.ExportSubjectPublicKeyInfoPem());
        File.WriteAllText(rsaFile, CorpusTokens.RsaKey.ExportSubjectPublicKeyInfoPem());
        return IdentityHost.StartAsync(new IdentityOptions { Issuer = TokenFactory.Issuer, Audience = TokenFactory.Audience, SigningKeyFiles = [ecFile, rsaFile] }, TimeProvider.System);
    });

    public static TheoryData<string, string?> Corpus()
    {
        var tokens = CorpusTokens;
        var now = DateTime.UtcNow;
        var good = tokens.Es256();
        var parts = good.Split('.');
        var publicPem = Encoding.ASCII.GetBytes(tokens.RsaKey.ExportSubjectPublicKeyInfoPem());
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var tamperedPayload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(Base64UrlEncoder.Decode(parts[1]).Replace("op-bank", "op-evil", StringComparison.Ordinal)));
        return new TheoryData<string, string?>
        {
            { EdgeProblemCodes.TokenMissing, null },
            { EdgeProblemCodes.TokenMissing, "Basic dXNlcjpwYXNz" },
            { EdgeProblemCodes.TokenMissing, "Bearer " },
            { EdgeProblemCodes.TokenMalformed, "Bearer garbage" },
            { EdgeProblemCodes.TokenMalformed, "Bearer " + parts[0] + "." + parts[1] },
            { EdgeProblemCodes.TokenMalformed, "Bearer !!!.???.***" },
            { EdgeProblemCodes.TokenAlgorithmNotAllowed, "Bearer " + TokenFactory.Raw(new { alg = "none", typ = "JWT" }, TokenFactory.Payload()) },
            // The classic confusion: HS256, keyed with the bytes of the public key the server trusts for RS256.
            { EdgeProblemCodes.TokenAlgorithmNotAllowed, "Bearer " + TokenFactory.Raw(new { alg = "HS256", typ = "JWT", kid = tokens.RsaKid }, TokenFactory.Payload(), input => HMACSHA256.HashData(publicPem, input)) },
            { EdgeProblemCodes.TokenAlgorithmNotAllowed, "Bearer " + tokens.Rs(SecurityAlgorithms.RsaSha384) },
            { EdgeProblemCodes.TokenExpired, "Bearer " + tokens.Es256(expires: now.AddMinutes(-5), notBefore: now.AddMinutes(-10)) },
            { EdgeProblemCodes.TokenNotYetValid, "Bearer " + tokens.Es256(notBefore: now.AddMinutes(10), expires: now.AddMinutes(20)) },
            { EdgeProblemCodes.TokenIssuerInvalid, "Bearer " + tokens.Es256(issuer: "https://evil.example") },
            { EdgeProblemCodes.TokenAudienceInvalid, "Bearer " + tokens.Es256(audience: "someone-else") },
            { EdgeProblemCodes.TokenKeyUnknown, "Bearer " + tokens.Es256(kid: "no-such-key") },
            { EdgeProblemCodes.TokenSignatureInvalid, "Bearer " + tokens.Es256(key: stranger) },
            { EdgeProblemCodes.TokenSignatureInvalid, "Bearer " + parts[0] + "." + tamperedPayload + "." + parts[2] },
            { EdgeProblemCodes.TokenClaimsInvalid, "Bearer " + tokens.Es256(new Dictionary<string, object> { ["org_kind"] = "operator" }) },
            { EdgeProblemCodes.TokenClaimsInvalid, "Bearer " + tokens.Es256(TokenFactory.Claims("op-bank", "superuser")) },
            { EdgeProblemCodes.TokenClaimsInvalid, "Bearer " + tokens.Es256(TokenFactory.Claims("district-310104", "district")) },
            { EdgeProblemCodes.TokenClaimsInvalid, "Bearer " + tokens.Es256(TokenFactory.Claims("district-310104", "district", "31010")) },
        };
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Validate_AdversarialToken_IsRefusedWithItsCode(string code, string? header)
    {
        var outcome = await (await CorpusValidator.Value).ValidateAsync(header, default);

        Assert.False(outcome.Succeeded);
        Assert.Equal(code, outcome.ErrorCode);
    }

    [Fact]
    public async Task Validate_ExpiredWithinClockSkew_IsAccepted()
    {
        var token = _tokens.Es256(expires: DateTime.UtcNow.AddSeconds(-10), notBefore: DateTime.UtcNow.AddMinutes(-5));

        var outcome = await _validator.ValidateAsync("Bearer " + token, default);

        Assert.True(outcome.Succeeded, outcome.ErrorCode);
    }

    [Fact]
    public async Task Validate_SameTokenTwice_VerifiesTheSignatureOnce()
    {
        var header = "Bearer " + _tokens.Es256();

        await _validator.ValidateAsync(header, default);
        var second = await _validator.ValidateAsync(header, default);

        Assert.True(second.Succeeded);
        Assert.Equal(1, _validator.SignatureValidations);
    }

    [Fact]
    public async Task Validate_CachedTokenPastItsExpiry_IsRefused()
    {
        var header = "Bearer " + _tokens.Es256(expires: DateTime.UtcNow.AddMinutes(2));
        Assert.True((await _validator.ValidateAsync(header, default)).Succeeded);

        _time.Advance(TimeSpan.FromMinutes(3));
        var later = await _validator.ValidateAsync(header, default);

        Assert.Equal(EdgeProblemCodes.TokenExpired, later.ErrorCode);
    }

    public void Dispose()
    {
        _tokens.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
