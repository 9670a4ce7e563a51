using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Testing;

/// <summary>
/// A real ES256 signing key made for one test fixture, its public key as a PEM file the program under test trusts,
/// and real signed tokens. Minted with the standard JWT library, as any client of the platform would.
/// </summary>
public sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://issuer.test.datagateway.local";
    public const string Audience = "datagateway";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _directory = Directory.CreateTempSubdirectory("datagateway-keys-").FullName;

    public TestTokens()
    {
        // The platform names a PEM key by its RFC 7638 thumbprint; tokens must carry that kid.
        KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(_key)).ComputeJwkThumbprint());
        PublicKeyPath = Path.Combine(_directory, "issuer.pub.pem");
        File.WriteAllText(PublicKeyPath, _key.ExportSubjectPublicKeyInfoPem());
        PrivateKeyPath = Path.Combine(_directory, "issuer.key.pem");
        File.WriteAllText(PrivateKeyPath, _key.ExportPkcs8PrivateKeyPem());
    }

    public string KeyId { get; }

    /// <summary>The public key, PEM; configure the program under test to trust it.</summary>
    public string PublicKeyPath { get; }

    /// <summary>The private key, PEM, for a program under test that signs with the platform's key (ledger checkpoints).</summary>
    public string PrivateKeyPath { get; }

    /// <summary>Environment settings that make the gateway or catalog trust this key.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["DataGateway__Identity__Issuer"] = Issuer,
        ["DataGateway__Identity__Audience"] = Audience,
        ["DataGateway__Identity__SigningKeyFiles__0"] = PublicKeyPath,
    };

    public string Mint(string organization, string kind, string? district = null, TimeSpan? lifetime = null)
    {
        var claims = new Dictionary<string, object> { ["org"] = organization, ["org_kind"] = kind, ["sub"] = organization };
        if (district is not null)
        {
            claims["district"] = district;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_key) { KeyId = KeyId }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    public string Admin() => Mint("admin", "admin");

    public string District(string code) => Mint("district-" + code, "district", code);

    public string Operator(string id) => Mint(id, "operator");

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
