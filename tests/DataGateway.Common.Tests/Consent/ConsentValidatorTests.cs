using System.Security.Cryptography;
using DataGateway.Common.Consent;
using DataGateway.Common.Tests.Identity;
using DataGateway.Policy.Decisions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Tests.Consent;

/// <summary>The consent validator over a real key file and a clock the test holds: signature, typ, issuer, lifetime.</summary>
public sealed class ConsentValidatorTests : IDisposable
{
    private const string Issuer = "https://consent.test";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _directory = Directory.CreateTempSubdirectory("consent-keys-").FullName;
    private readonly ManualTimeProvider _time = new(Now);
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();

    [Fact]
    public async Task Verify_AConsentOfTheIssuer_IsValid()
    {
        var result = await Validator().VerifyAsync(Sign(_key));
        Assert.Null(result.ReasonCode);
        Assert.Equal("c-1", result.Token!.Id);
    }

    [Fact]
    public async Task Verify_WithoutAnIssuerConfigured_IsUnavailable()
    {
        var validator = new ConsentValidator(Options.Create(new ConsentOptions()), _services.GetRequiredService<IHttpClientFactory>(), _time, NullLoggerFactory.Instance);
        Assert.False(validator.IsConfigured);
        Assert.Equal(ReasonCodes.ConsentUnavailable, (await validator.VerifyAsync(Sign(_key))).ReasonCode);
    }

    [Fact]
    public async Task Verify_PastItsExpiry_IsExpired()
    {
        var validator = Validator();
        _time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(ReasonCodes.ConsentExpired, (await validator.VerifyAsync(Sign(_key))).ReasonCode);
    }

    [Theory]
    [InlineData("JWT", Issuer, 30, false)]
    [InlineData("DG-CONSENT+JWT", Issuer, 30, false)]
    [InlineData(ConsentToken.Type, "https://other.test", 30, false)]
    [InlineData(ConsentToken.Type, Issuer, 400, false)]
    [InlineData(ConsentToken.Type, Issuer, 30, true)]
    public async Task Verify_WrongTypeIssuerLifetimeOrKey_IsInvalid(string type, string issuer, int days, bool otherKey)
    {
        var token = Sign(otherKey ? _other : _key, type, issuer, TimeSpan.FromDays(days));
        Assert.Equal(ReasonCodes.ConsentInvalid, (await Validator().VerifyAsync(token)).ReasonCode);
    }

    private ConsentValidator Validator()
    {
        var file = Path.Combine(_directory, "consent.pub.pem");
        File.WriteAllText(file, _key.ExportSubjectPublicKeyInfoPem());
        var options = new ConsentOptions { Issuer = Issuer, Organization = "org-suishenban", SigningKeyFiles = [file] };
        return new ConsentValidator(Options.Create(options), _services.GetRequiredService<IHttpClientFactory>(), _time, NullLoggerFactory.Instance);
    }

    private static string Sign(ECDsa key, string type = ConsentToken.Type, string issuer = Issuer, TimeSpan? lifetime = null)
    {
        var securityKey = new ECDsaSecurityKey(key);
        securityKey.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(securityKey).ComputeJwkThumbprint());
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = type,
            Issuer = issuer,
            IssuedAt = Now.UtcDateTime,
            NotBefore = Now.UtcDateTime,
            Expires = (Now + (lifetime ?? TimeSpan.FromDays(30))).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["jti"] = "c-1", ["sub"] = "310104199001011234", ["operator"] = "op-insurer", ["dataset"] = "vaccinations",
                ["scenario"] = "健康险核保", ["fields"] = new[] { "person_id_number" },
            },
            SigningCredentials = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256),
        });
    }

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
