using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using DataGateway.Policy.Model;

namespace DataGateway.Catalog.Bundles;

/// <summary>
/// Builds an OPA bundle (a gzipped tarball): <c>.manifest</c> with the catalog version as revision and the roots
/// the bundle owns, <c>data.json</c> (<see cref="BundleData"/>), and the Rego files (<see cref="RegoFiles"/>).
/// </summary>
/// <remarks>Entry names start with a slash, as in the bundles <c>opa build</c> writes.</remarks>
/// <remarks>
/// The roots are the packages and the data the bundle writes, and no more: <c>datagateway/settings</c> stays outside
/// them, so operators can switch a freeze or a network list through OPA's Data API without a bundle overwriting it.
/// </remarks>
internal static class BundleBuilder
{
    public static readonly string[] Roots = ["datagateway/access", "datagateway/builtin", "datagateway/catalog", "datagateway/extensions"];

    /// <summary>One fixed time for every entry, so the same catalog and Rego always make the same bytes.</summary>
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PolicyBundle Build(CatalogSnapshot snapshot)
    {
        var revision = snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new { revision, roots = Roots });
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            Add(tar, "/.manifest", manifest);
            Add(tar, "/data.json", BundleData.Write(snapshot));
            foreach (var (path, content) in RegoFiles.All)
            {
                Add(tar, "/" + path, content);
            }
        }

        return new PolicyBundle(snapshot.Version, $"\"{revision}-{RegoFiles.Digest}\"", output.ToArray());
    }

    private static void Add(TarWriter tar, string name, byte[] content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(content, writable: false),
            ModificationTime = EntryTime,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        };
        tar.WriteEntry(entry);
    }
}
