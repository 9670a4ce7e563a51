using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Demo.Seed;

/// <summary>
/// The demo identity provider: an ES256 signing key (kept as PEM under <c>keys/</c>, reused across runs), its public
/// JWKS (which the catalog publishes), a ready token per organization under <c>tokens/</c>, and the gateway's mask
/// hashing key. Any standard JWT library can mint more tokens with <c>keys/issuer.key.pem</c>.
/// </summary>
internal static class KeysCommand
{
    public static int Run(string[] args)
    {
        var options = CommandLine.Parse(args, ["out", "issuer", "audience", "days"]);
        var root = options.GetValueOrDefault("out") ?? ".data/demo";
        var issuer = options.GetValueOrDefault("issuer") ?? "https://demo-issuer.datagateway.local";
        var audience = options.GetValueOrDefault("audience") ?? "datagateway";
        var lifetime = TimeSpan.FromDays(int.Parse(options.GetValueOrDefault("days") ?? "30", System.Globalization.CultureInfo.InvariantCulture));

        var keys = Directory.CreateDirectory(Path.Combine(root, "keys")).FullName;
        var tokens = Directory.CreateDirectory(Path.Combine(root, "tokens")).FullName;
        using var key = LoadOrCreateKey(Path.Combine(keys, "issuer.key.pem"));
        File.WriteAllText(Path.Combine(keys, "issuer.pub.pem"), key.ExportSubjectPublicKeyInfoPem());

        var securityKey = new ECDsaSecurityKey(key);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(securityKey);
        var kid = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        securityKey.KeyId = kid;
        File.WriteAllText(Path.Combine(keys, "jwks.json"), JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "EC", crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid, use = "sig", alg = "ES256" } },
        }));

        var maskKey = Path.Combine(keys, "mask-hash.key");
        if (!File.Exists(maskKey))
        {
            WritePrivate(maskKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        var handler = new JsonWebTokenHandler();
        var credentials = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256);
        var now = DateTime.UtcNow;
        foreach (var organization in DemoOrganizations.All)
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

            var token = handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = audience,
                Claims = claims,
                IssuedAt = now,
                NotBefore = now,
                Expires = now + lifetime,
                SigningCredentials = credentials,
            });
            WritePrivate(Path.Combine(tokens, organization.Id + ".jwt"), token);
        }

        Console.WriteLine($"keys in {keys} (kid {kid}); {DemoOrganizations.All.Count} tokens in {tokens}, valid for {lifetime.TotalDays:0} days");
        return 0;
    }

    private static ECDsa LoadOrCreateKey(string path)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            WritePrivate(path, key.ExportPkcs8PrivateKeyPem());
        }

        return key;
    }

    /// <summary>Secrets are readable by their owner only.</summary>
    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
