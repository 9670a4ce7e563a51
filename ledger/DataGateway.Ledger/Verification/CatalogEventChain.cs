using System.Globalization;
using System.Security.Cryptography;

namespace DataGateway.Ledger.Verification;

/// <summary>One catalog change event as stored, with its place in the catalog's chain.</summary>
public sealed record CatalogEvent(
    long Seq, long Version, DateTimeOffset At, string Actor, string Entity, string EntityId, string Action, string? Before, string? After,
    byte[] PrevHash, byte[] Hash)
{
    /// <summary>
    /// The hash the database's trigger (<c>catalog_events_chain</c>, schema 004) gave the event, recomputed here
    /// independently: SHA-256 of the previous hash, a version byte, and each value as tagged, length-prefixed text.
    /// </summary>
    public byte[] ComputeHash(byte[] previous) => SHA256.HashData(ChainText.Encode(previous,
        [
            Seq.ToString(CultureInfo.InvariantCulture), Version.ToString(CultureInfo.InvariantCulture),
            LedgerEncoding.ToMicroseconds(At).ToString(CultureInfo.InvariantCulture), Actor, Entity, EntityId, Action, Before, After,
        ]));
}
