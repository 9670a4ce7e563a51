using System.Security.Cryptography;
using System.Text;

namespace DataGateway.Ledger.Verification;

/// <summary>Key ids as the platform names its keys: the RFC 7638 JWK thumbprint of the public key, base64url.</summary>
public static class KeyIds
{
    public static string Thumbprint(ECDsa key)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        if (p.Curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256"))
        {
            throw new NotSupportedException("Checkpoints are signed with ES256 keys (P-256).");
        }

        // The required members in lexicographic order, no whitespace (RFC 7638 §3.2).
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64Url(p.Q.X!)}\",\"y\":\"{Base64Url(p.Q.Y!)}\"}}";
        return Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
