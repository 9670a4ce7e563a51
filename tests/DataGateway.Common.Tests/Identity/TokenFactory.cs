using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Tests.Identity;

/// <summary>Real keys and real tokens, good and bad, made with the standard library as an attacker or a client would.</summary>
internal sealed class TokenFactory : IDisposable
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "datagateway";

    public ECDsa EcKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public RSA RsaKey { get; } = RSA.Create(2048);

    public string EcKid => Kid(new ECDsaSecurityKey(EcKey));

    public string RsaKid => Kid(new RsaSecurityKey(RsaKey));

    public static string Kid(SecurityKey key) => key switch
    {
        ECDsaSecurityKey ec => Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(ec).ComputeJwkThumbprint()),
        RsaSecurityKey rsa => Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromRSASecurityKey(rsa).ComputeJwkThumbprint()),
        _ => throw new ArgumentException("Unsupported key.", nameof(key)),
    };

    public static Dictionary<string, object> Claims(string org = "op-bank", string kind = "operator", string? district = null)
    {
        var claims = new Dictionary<string, object> { ["org"] = org, ["org_kind"] = kind };
        if (district is not null)
        {
            claims["district"] = district;
        }

        return claims;
    }

    public string Es256(Dictionary<string, object>? claims = null, DateTime? expires = null, DateTime? notBefore = null, string? issuer = null, string? audience = null, string? kid = null, ECDsa? key = null) =>
        Create(new ECDsaSecurityKey(key ?? EcKey) { KeyId = kid ?? EcKid }, SecurityAlgorithms.EcdsaSha256, claims, expires, notBefore, issuer, audience);

    public string Rs(string algorithm, Dictionary<string, object>? claims = null, DateTime? expires = null) =>
        Create(new RsaSecurityKey(RsaKey) { KeyId = RsaKid }, algorithm, claims, expires, null, null, null);

    private static string Create(SecurityKey key, string algorithm, Dictionary<string, object>? claims, DateTime? expires, DateTime? notBefore, string? issuer, string? audience)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Claims = claims ?? Claims(),
            IssuedAt = now,
            NotBefore = notBefore ?? now.AddSeconds(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    /// <summary>A token assembled by hand: any header, any payload, any signature.</summary>
    public static string Raw(object header, object payload, Func<byte[], byte[]>? sign = null)
    {
        var signingInput = Encode(header) + "." + Encode(payload);
        var signature = sign is null ? "" : Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(signingInput)));
        return signingInput + "." + signature;
    }

    public static object Payload(Dictionary<string, object>? claims = null)
    {
        var payload = new Dictionary<string, object>(claims ?? Claims())
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
        };
        return payload;
    }

    private static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));

    public void Dispose()
    {
        EcKey.Dispose();
        RsaKey.Dispose();
    }
}
