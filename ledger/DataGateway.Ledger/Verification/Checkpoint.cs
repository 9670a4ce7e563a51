using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataGateway.Ledger.Verification;

/// <summary>
/// "Chain <see cref="Chain"/> had reached <see cref="Seq"/> with hash <see cref="Hash"/>", signed with the platform's key.
/// The hash chain alone shows a record changed in place; a checkpoint also shows a chain rewritten consistently, or
/// cut short, up to the checkpoint, which SHA-256 alone cannot (anyone can recompute it).
/// </summary>
public sealed record Checkpoint(string Chain, long Seq, byte[] Hash, DateTimeOffset SignedAt, string KeyId, byte[] Signature)
{
    /// <summary>The chain of the catalog's change events.</summary>
    public const string CatalogChain = "catalog";

    /// <summary>The chain of the amendments to ledger records (calls committed but not delivered).</summary>
    public const string AmendmentsChain = "amendments";

    /// <summary>What is signed: versioned, one value per line, nothing a value could forge (chain ids hold no newline).</summary>
    public static byte[] SignedText(string chain, long seq, byte[] hash, DateTimeOffset signedAt) => Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture,
            $"DataGateway ledger checkpoint v1\n{chain}\n{seq}\n{Convert.ToHexStringLower(hash)}\n{LedgerEncoding.ToMicroseconds(signedAt)}\n"));

    public bool IsSignedBy(ECDsa key) =>
        key.VerifyData(SignedText(Chain, Seq, Hash, SignedAt), Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}

/// <summary>
/// Signs checkpoints, and the amendments a gateway makes, with the platform's ES256 key (the key the demo issuer signs
/// tokens with).
/// </summary>
public sealed class CheckpointSigner(ECDsa key, string keyId)
{
    public string KeyId { get; } = keyId;

    public Checkpoint Sign(string chain, long seq, byte[] hash, DateTimeOffset at)
    {
        // PostgreSQL keeps microseconds; the signature must survive the round trip.
        var signedAt = LedgerEncoding.FromMicroseconds(LedgerEncoding.ToMicroseconds(at));
        var signature = key.SignData(Checkpoint.SignedText(chain, seq, hash, signedAt), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new Checkpoint(chain, seq, hash, signedAt, KeyId, signature);
    }

    /// <summary>Whether this signer's key made <paramref name="checkpoint"/>: a head the catalog's writer may extend.</summary>
    public bool Made(Checkpoint checkpoint) => checkpoint.KeyId == KeyId && checkpoint.IsSignedBy(key);

    public byte[] SignAmendment(Guid requestId, string kind, string notedBy) =>
        key.SignData(LedgerAmendment.SignedText(requestId, kind, notedBy), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}
