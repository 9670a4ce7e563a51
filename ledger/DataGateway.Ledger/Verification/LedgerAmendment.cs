using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataGateway.Ledger.Verification;

/// <summary>
/// One amendment to a ledger record (kind <c>undelivered</c>), with its place in the amendments' chain and the
/// signature of the gateway that made it (null for a gateway without the platform's key).
/// </summary>
public sealed record LedgerAmendment(
    long Seq, Guid RequestId, string Kind, DateTimeOffset NotedAt, string NotedBy, byte[] PrevHash, byte[] Hash, string? KeyId = null, byte[]? Signature = null)
{
    public const string Undelivered = "undelivered";

    /// <summary>
    /// What a gateway signs: versioned, one value per line (none holds a newline). The time and place in the chain are
    /// the database's to give, so they are left out; one amendment per record makes a replayed signature worthless.
    /// </summary>
    public static byte[] SignedText(Guid requestId, string kind, string notedBy) => Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"DataGateway ledger amendment v1\n{requestId:D}\n{kind}\n{notedBy}\n"));

    public bool IsSignedBy(ECDsa key) =>
        Signature is { } signature
        && key.VerifyData(SignedText(RequestId, Kind, NotedBy), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>
    /// The hash the database's trigger (<c>ledger_amendments_chain</c>, schema 008) gave the amendment, recomputed
    /// here: SHA-256 of the previous hash, a version byte, and each value as tagged, length-prefixed text.
    /// </summary>
    public byte[] ComputeHash(byte[] previous) => SHA256.HashData(ChainText.Encode(previous,
        [
            Seq.ToString(CultureInfo.InvariantCulture), RequestId.ToString("D"), Kind,
            LedgerEncoding.ToMicroseconds(NotedAt).ToString(CultureInfo.InvariantCulture), NotedBy,
        ]));
}
