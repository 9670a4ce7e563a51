using System.Security.Cryptography;
using System.Text;
using DataGateway.Common.Identity;
using DataGateway.Policy.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Tests.Identity;

public sealed class TokenValidatorTests : IDisposable
{
    private readonly TokenFactory _tokens = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("identity-tests-").FullName;
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TokenValidator _validator;

    public TokenValidatorTests()
    {
        var ecFile = Path.Combine(_directory, "ec.pub.pem");
        var rsaFile = Path.Combine(_directory, "rsa.pub.pem");
        File.WriteAllText(ecFile, _tokens.EcKey.ExportSubjectPublicKeyInfoPem());
        File.WriteAllText(rsaFile, _tokens.RsaKey.ExportSubjectPublicKeyInfoPem());
        _validator = CreateValidator(new IdentityOptions
        {
            Issuer = TokenFactory.Issuer,
            Audience = TokenFactory.Audience,
            SigningKeyFiles = [ecFile, rsaFile],
        }, _time);
    }

    internal static TokenValidator CreateValidator(IdentityOptions options, TimeProvider time)
    {
        var wrapped = Options.Create(options);
        var keys = new SigningKeyStore(wrapped, new SimpleHttpClientFactory(), time, NullLogger<SigningKeyStore>.Instance);
        return new TokenValidator(wrapped, keys, time, NullLogger<TokenValidator>.Instance);
    }

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

    private static readonly Lazy<TokenValidator> CorpusValidator = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("identity-corpus-").FullName;
        var ecFile = Path.Combine(directory, "ec.pub.pem");
        var rsaFile = Path.Combine(directory, "rsa.pub.pem");
        File.WriteAllText(ecFile, CorpusTokens.EcKey.ExportSubjectPublicKeyInfoPem());
        File.WriteAllText(rsaFile, CorpusTokens.RsaKey.ExportSubjectPublicKeyInfoPem());
        return CreateValidator(new IdentityOptions { Issuer = TokenFactory.Issuer, Audience = TokenFactory.Audience, SigningKeyFiles = [ecFile, rsaFile] }, TimeProvider.System);
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
            { IdentityErrorCodes.Missing, null },
            { IdentityErrorCodes.Missing, "Basic dXNlcjpwYXNz" },
            { IdentityErrorCodes.Missing, "Bearer " },
            { IdentityErrorCodes.Malformed, "Bearer garbage" },
            { IdentityErrorCodes.Malformed, "Bearer " + parts[0] + "." + parts[1] },
            { IdentityErrorCodes.Malformed, "Bearer !!!.???.***" },
            { IdentityErrorCodes.AlgorithmNotAllowed, "Bearer " + TokenFactory.Raw(new { alg = "none", typ = "JWT" }, TokenFactory.Payload()) },
            // The classic confusion: HS256, keyed with the bytes of the public key the server trusts for RS256.
            { IdentityErrorCodes.AlgorithmNotAllowed, "Bearer " + TokenFactory.Raw(new { alg = "HS256", typ = "JWT", kid = tokens.RsaKid }, TokenFactory.Payload(), input => HMACSHA256.HashData(publicPem, input)) },
            { IdentityErrorCodes.AlgorithmNotAllowed, "Bearer " + tokens.Rs(SecurityAlgorithms.RsaSha384) },
            { IdentityErrorCodes.Expired, "Bearer " + tokens.Es256(expires: now.AddMinutes(-5), notBefore: now.AddMinutes(-10)) },
            { IdentityErrorCodes.NotYetValid, "Bearer " + tokens.Es256(notBefore: now.AddMinutes(10), expires: now.AddMinutes(20)) },
            { IdentityErrorCodes.IssuerInvalid, "Bearer " + tokens.Es256(issuer: "https://evil.example") },
            { IdentityErrorCodes.AudienceInvalid, "Bearer " + tokens.Es256(audience: "someone-else") },
            { IdentityErrorCodes.KeyUnknown, "Bearer " + tokens.Es256(kid: "no-such-key") },
            { IdentityErrorCodes.SignatureInvalid, "Bearer " + tokens.Es256(key: stranger) },
            { IdentityErrorCodes.SignatureInvalid, "Bearer " + parts[0] + "." + tamperedPayload + "." + parts[2] },
            { IdentityErrorCodes.ClaimsInvalid, "Bearer " + tokens.Es256(new Dictionary<string, object> { ["org_kind"] = "operator" }) },
            { IdentityErrorCodes.ClaimsInvalid, "Bearer " + tokens.Es256(TokenFactory.Claims("op-bank", "superuser")) },
            { IdentityErrorCodes.ClaimsInvalid, "Bearer " + tokens.Es256(TokenFactory.Claims("district-310104", "district")) },
            { IdentityErrorCodes.ClaimsInvalid, "Bearer " + tokens.Es256(TokenFactory.Claims("district-310104", "district", "31010")) },
        };
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Validate_AdversarialToken_IsRefusedWithItsCode(string code, string? header)
    {
        var outcome = await CorpusValidator.Value.ValidateAsync(header, default);

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
        Assert.Equal(1, Interlocked.Read(ref _validator.SignatureValidations));
    }

    [Fact]
    public async Task Validate_CachedTokenPastItsExpiry_IsRefused()
    {
        var header = "Bearer " + _tokens.Es256(expires: DateTime.UtcNow.AddMinutes(2));
        Assert.True((await _validator.ValidateAsync(header, default)).Succeeded);

        _time.Advance(TimeSpan.FromMinutes(3));
        var later = await _validator.ValidateAsync(header, default);

        Assert.Equal(IdentityErrorCodes.Expired, later.ErrorCode);
    }

    public void Dispose()
    {
        _tokens.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
