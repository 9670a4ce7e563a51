using System.Security.Cryptography;

namespace DataGateway.Ledger.Verification;

/// <summary>One amendment to a ledger record (kind <c>undelivered</c>), with its place in the amendments' chain.</summary>
public sealed record LedgerAmendment(long Seq, Guid RequestId, string Kind, DateTimeOffset NotedAt, string NotedBy, byte[] PrevHash, byte[] Hash)
{
    /// <summary>
    /// The hash the database's trigger (<c>ledger_amendments_chain</c>, schema 008) gave the amendment, recomputed
    /// here: SHA-256 of the previous hash, a version byte, and each value as tagged, length-prefixed text.
    /// </summary>
    public byte[] ComputeHash(byte[] previous) => SHA256.HashData(ChainText.Encode(previous,
        [
            Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), RequestId.ToString("D"), Kind,
            LedgerEncoding.ToMicroseconds(NotedAt).ToString(System.Globalization.CultureInfo.InvariantCulture), NotedBy,
        ]));
}
