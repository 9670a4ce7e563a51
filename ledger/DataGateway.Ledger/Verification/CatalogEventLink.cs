using System.Globalization;
using System.Security.Cryptography;

namespace DataGateway.Ledger.Verification;

/// <summary>
/// The catalog's chain over Marten's events: each event's link (<c>catalog_chain</c>: seq, event id, previous hash,
/// hash) is SHA-256 of the previous link's hash, a version byte, and each column of the stored event as tagged,
/// length-prefixed text, the body in its canonical spelling (<see cref="CanonicalJson"/>).
/// </summary>
/// <remarks>
/// Computed in C# by the catalog's writer for exactly the events it appended, in the change's transaction and under
/// its lock, and recomputed by the verifier from <c>mt_events</c>. No trigger computes it: a row written into
/// <c>mt_events</c> with SQL gets no link, so verify reports it, and no checkpoint can cover it.
/// </remarks>
public static class CatalogEventLink
{
    public static byte[] Hash(StoredCatalogEvent e, byte[] previous) => Hash(e, CanonicalJson.Of(e.Data), previous);

    /// <summary>The link, from a body already in its canonical spelling.</summary>
    public static byte[] Hash(StoredCatalogEvent e, string canonicalData, byte[] previous) => SHA256.HashData(ChainText.Encode(previous,
        [
            e.Seq.ToString(CultureInfo.InvariantCulture), e.Id.ToString("D"), e.StreamId, e.Version.ToString(CultureInfo.InvariantCulture),
            e.Type, e.DotNetType, e.TenantId, LedgerEncoding.ToMicroseconds(e.Timestamp).ToString(CultureInfo.InvariantCulture), canonicalData,
        ]));
}
