using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using DataGateway.Demo.Seed;

namespace DataGateway.Demo.Idp;

/// <summary>
/// The demo issuer's ES256 key and the tokens it signs. The <c>keys</c> command writes its tokens with it and the
/// <c>idp</c> command issues its tokens with it, so both carry the same issuer, audience, key id and claims, and the
/// catalog and the gateway accept either without knowing which wrote it.
/// </summary>
internal sealed class DemoIssuer : IDisposable
{
    private readonly ECDsa _key;
    private readonly SigningCredentials _credentials;
    private readonly JsonWebTokenHandler _handler = new();

    public DemoIssuer(ECDsa key, string issuer, string audience)
    {
        _key = key;
        Issuer = issuer;
        Audience = audience;
        var securityKey = new ECDsaSecurityKey(key);
        Jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(securityKey);
        // The platform names a key by its RFC 7638 thumbprint (SigningKeyStore); a token must carry that kid.
        KeyId = Base64UrlEncoder.Encode(Jwk.ComputeJwkThumbprint());
        securityKey.KeyId = KeyId;
        _credentials = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256);
    }

    public string Issuer { get; }

    public string Audience { get; }

    public string KeyId { get; }

    private JsonWebKey Jwk { get; }

    /// <summary>The public key as a JWKS document (what the catalog publishes at <c>/.well-known/jwks.json</c>).</summary>
    public object Jwks => new { keys = new[] { new { kty = "EC", crv = Jwk.Crv, x = Jwk.X, y = Jwk.Y, kid = KeyId, use = "sig", alg = "ES256" } } };

    /// <summary>Reads the private key the <c>keys</c> command wrote (PEM), or null when there is none.</summary>
    public static DemoIssuer? Load(string privateKeyPath, string issuer, string audience)
    {
        if (!File.Exists(privateKeyPath))
        {
            return null;
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        key.ImportFromPem(File.ReadAllText(privateKeyPath));
        return new DemoIssuer(key, issuer, audience);
    }

    /// <summary>
    /// An access token for the platform: <c>sub</c> and <c>org</c> the organization's id, <c>org_kind</c>, a
    /// <c>district</c> for a district, a fresh <c>jti</c>; audience the platform's.
    /// </summary>
    public string AccessToken(DemoOrganizations.DemoOrganization organization, DateTime now, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = organization.Id,
            ["org"] = organization.Id,
            ["org_kind"] = organization.Kind,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (organization.DistrictCode is not null)
        {
            claims["district"] = organization.DistrictCode;
        }

        return Sign(Audience, claims, now, lifetime);
    }

    /// <summary>
    /// An OpenID Connect ID token for the client (its audience): who signed in, with the organization's name for
    /// display and the nonce the client sent, if any. It is not accepted by the platform (wrong audience).
    /// </summary>
    public string IdToken(DemoOrganizations.DemoOrganization organization, string clientId, string? nonce, DateTime now, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = organization.Id,
            ["name"] = organization.Name,
            ["org"] = organization.Id,
            ["org_kind"] = organization.Kind,
            ["auth_time"] = EpochTime.GetIntDate(now),
        };
        if (organization.DistrictCode is not null)
        {
            claims["district"] = organization.DistrictCode;
        }

        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        return Sign(clientId, claims, now, lifetime);
    }

    /// <summary>
    /// A credential of another kind than a caller's (the demo consent issuer's consents): header <c>typ</c>
    /// <paramref name="type"/>, no audience, the claims given plus <c>iss</c>, <c>iat</c>, <c>nbf</c> and <c>exp</c>.
    /// </summary>
    public string Credential(string type, Dictionary<string, object> claims, DateTime now, TimeSpan lifetime)
    {
        var descriptor = Descriptor(claims, now, lifetime);
        descriptor.TokenType = type;
        return _handler.CreateToken(descriptor);
    }

    private string Sign(string audience, Dictionary<string, object> claims, DateTime now, TimeSpan lifetime)
    {
        var descriptor = Descriptor(claims, now, lifetime);
        descriptor.Audience = audience;
        return _handler.CreateToken(descriptor);
    }

    private SecurityTokenDescriptor Descriptor(Dictionary<string, object> claims, DateTime now, TimeSpan lifetime) => new()
    {
        Issuer = Issuer,
        Claims = claims,
        IssuedAt = now,
        NotBefore = now,
        Expires = now + lifetime,
        SigningCredentials = _credentials,
    };

    public void Dispose() => _key.Dispose();
}
