namespace DataGateway.Ledger;

/// <summary>
/// One gateway instance's hash chain: gives each record the next sequence number, the previous record's hash, and
/// its own hash. Not thread-safe: the ledger writer seals records one at a time, in the order it commits them.
/// </summary>
public sealed class LedgerChain(string id, long lastSeq, byte[] lastHash)
{
    /// <summary>The hash the first record of a chain links to.</summary>
    public static readonly byte[] Genesis = new byte[32];

    public string Id { get; } = id;

    public long LastSeq { get; private set; } = lastSeq;

    public byte[] LastHash { get; private set; } = lastHash;

    public LedgerRecord Seal(LedgerRecord record)
    {
        var sealedRecord = record with
        {
            StartedAt = Truncate(record.StartedAt),
            EndedAt = Truncate(record.EndedAt),
            Chain = Id,
            Seq = LastSeq + 1,
            PrevHash = LastHash,
        };
        sealedRecord = sealedRecord with { Hash = LedgerEncoding.Hash(sealedRecord, LastHash) };
        LastSeq = sealedRecord.Seq;
        LastHash = sealedRecord.Hash;
        return sealedRecord;
    }

    /// <summary>To the microsecond, as PostgreSQL stores it, so the stored record hashes as it was sealed.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset at) => LedgerEncoding.FromMicroseconds(LedgerEncoding.ToMicroseconds(at));
}
