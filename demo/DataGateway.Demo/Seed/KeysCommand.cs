using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using DataGateway.Demo.Idp;

namespace DataGateway.Demo.Seed;

/// <summary>
/// The demo identity provider: an ES256 signing key (kept as PEM under <c>keys/</c>, reused across runs), its public
/// JWKS (which the catalog publishes), a ready token per organization under <c>tokens/</c>, and the gateway's mask
/// hashing key, and the demo consent issuer's own key (<c>keys/consent.key.pem</c>). Any standard JWT library can mint more tokens with <c>keys/issuer.key.pem</c>.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "写到这个目录：keys/ 和 tokens/。 Write into this folder: keys/ and tokens/.",
            HelpName = "DIR",
            DefaultValueFactory = _ => ".data/demo",
        };
        output.NotEmpty();
        var issuer = new Option<string>("--issuer")
        {
            Description = "令牌的签发者（iss）。 The tokens' issuer (iss).",
            DefaultValueFactory = _ => "https://demo-issuer.datagateway.local",
        };
        issuer.NotEmpty();
        var audience = new Option<string>("--audience")
        {
            Description = "令牌的受众（aud）。 The tokens' audience (aud).",
            DefaultValueFactory = _ => "datagateway",
        };
        audience.NotEmpty();
        var days = new Option<int>("--days")
        {
            Description = "令牌有效天数。 Days the tokens are valid.",
            HelpName = "N",
            DefaultValueFactory = _ => 30,
        };
        days.InRange(1, 3650);

        var command = new Command("keys", "生成演示身份提供方的密钥、JWKS 和每个机构的令牌。 Make the demo identity provider's key, its JWKS and a token per organization.")
        {
            output,
            issuer,
            audience,
            days,
        };
        command.SetAction(result => Run(result.GetRequiredValue(output), result.GetRequiredValue(issuer), result.GetRequiredValue(audience), TimeSpan.FromDays(result.GetValue(days))));
        return command;
    }

    private static int Run(string root, string issuer, string audience, TimeSpan lifetime)
    {
        var keys = Directory.CreateDirectory(Path.Combine(root, "keys")).FullName;
        var tokens = Directory.CreateDirectory(Path.Combine(root, "tokens")).FullName;
        using var key = LoadOrCreateKey(Path.Combine(keys, "issuer.key.pem"));
        File.WriteAllText(Path.Combine(keys, "issuer.pub.pem"), key.ExportSubjectPublicKeyInfoPem());
        // The idp command signs with the same key through the same type, so its tokens are these tokens' equals.
        using var demoIssuer = new DemoIssuer(ECDsa.Create(key.ExportParameters(includePrivateParameters: true)), issuer, audience);
        var kid = demoIssuer.KeyId;
        File.WriteAllText(Path.Combine(keys, "jwks.json"), JsonSerializer.Serialize(demoIssuer.Jwks));

        // The demo consent issuer's own key (standing in for 随申办's): a consent is never signed with the caller issuer's.
        using (var consentKey = LoadOrCreateKey(Path.Combine(keys, "consent.key.pem")))
        {
            File.WriteAllText(Path.Combine(keys, "consent.pub.pem"), consentKey.ExportSubjectPublicKeyInfoPem());
        }

        var maskKey = Path.Combine(keys, "mask-hash.key");
        if (!File.Exists(maskKey))
        {
            WritePrivate(maskKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        var now = DateTime.UtcNow;
        foreach (var organization in DemoOrganizations.All)
        {
            WritePrivate(Path.Combine(tokens, organization.Id + ".jwt"), demoIssuer.AccessToken(organization, now, lifetime));
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
