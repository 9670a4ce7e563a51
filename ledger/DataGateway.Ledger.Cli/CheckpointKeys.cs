using System.Security.Cryptography;
using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Cli;

/// <summary>The public keys given with <c>--key</c>, by key id; a file that is no readable key is a usage error.</summary>
internal static class CheckpointKeys
{
    public static Dictionary<string, ECDsa>? Read(string[] files)
    {
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(File.ReadAllText(file));
                keys[KeyIds.Thumbprint(key)] = key;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or NotSupportedException)
            {
                Console.Error.WriteLine($"无法读取公钥 cannot read the key {file}: {ex.Message}");
                return null;
            }
        }

        return keys;
    }
}
