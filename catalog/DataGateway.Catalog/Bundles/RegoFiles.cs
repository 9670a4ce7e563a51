using System.Security.Cryptography;

namespace DataGateway.Catalog.Bundles;

/// <summary>
/// The Rego of <c>policy/rego</c>, embedded in the catalog at build time (its <c>_test.rego</c> files are not): the
/// bundle ships the policy the catalog was built with, so a sidecar cannot run rules older than its data.
/// </summary>
internal static class RegoFiles
{
    /// <summary>The resource names' prefix; the rest is the file's path under <c>policy/rego</c>.</summary>
    public const string Prefix = "rego/";

    /// <summary>Every file, by its path in the bundle (<c>datagateway/access.rego</c>), in ordinal order.</summary>
    public static IReadOnlyList<(string Path, byte[] Content)> All { get; } = Load();

    /// <summary>A digest of every file, so a catalog upgraded with new Rego at the same catalog version gets a new ETag.</summary>
    public static string Digest { get; } = Convert.ToHexStringLower(
        SHA256.HashData(All.SelectMany(f => System.Text.Encoding.UTF8.GetBytes(f.Path + "\n").Concat(f.Content)).ToArray()))[..12];

    private static List<(string Path, byte[] Content)> Load()
    {
        var assembly = typeof(RegoFiles).Assembly;
        var files = new List<(string, byte[])>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add((name[Prefix.Length..].Replace('\\', '/'), copy.ToArray()));
        }

        return files;
    }
}
