using System.Security.Cryptography;

namespace DataGateway.Ledger.Verification;

/// <summary>
/// One chain's walk in sequence order, stopping at the first record that does not prove itself: the database's
/// chains (<see cref="LedgerVerifier"/>) and an archive's (<see cref="Archive.ArchiveVerifier"/>) walk alike.
/// </summary>
/// <remarks>
/// A walk may start from a known head instead of the genesis: an archive's range starts after the previous archive's
/// last record, and the database's chain after the newest detached archive. Checkpoints at or below that head belong
/// to the archived records and are skipped. Anchors are hashes known from elsewhere (an archive's head and its
/// straddlers, as recorded when the month was archived) that the records walked must match.
/// </remarks>
internal sealed class ChainWalk
{
    private readonly string _chain;
    private readonly Dictionary<long, Checkpoint> _checkpoints = [];
    private readonly Dictionary<long, byte[]> _anchors = [];
    private readonly bool _gapless;
    private byte[] _previousHash;
    private long _lastSeq;
    private long _records;
    private ChainProblem? _problem;

    public ChainWalk(string chain, IEnumerable<Checkpoint> checkpoints, IReadOnlyDictionary<string, ECDsa> keys, bool gapless, long startSeq = 0, byte[]? startHash = null)
    {
        _chain = chain;
        _gapless = gapless;
        _lastSeq = startSeq;
        _previousHash = startHash ?? LedgerChain.Genesis;
        foreach (var checkpoint in checkpoints.Where(c => c.Seq > startSeq))
        {
            if (!keys.TryGetValue(checkpoint.KeyId, out var key) || !checkpoint.IsSignedBy(key))
            {
                // A checkpoint nobody trusted signed proves nothing, and someone wrote it.
                _problem ??= new ChainProblem(ChainProblems.CheckpointSignatureInvalid, checkpoint.Seq,
                    $"The checkpoint at {checkpoint.Seq} is not signed by a trusted key (key id {checkpoint.KeyId}).");
                continue;
            }

            _checkpoints[checkpoint.Seq] = checkpoint;
        }

        LastCheckpoint = _checkpoints.Count == 0 ? null : _checkpoints.Keys.Max();
    }

    public long LastSeq => _lastSeq;

    public byte[] LastHash => _previousHash;

    public long Records => _records;

    public bool Failed => _problem is not null;

    private long? LastCheckpoint { get; }

    /// <summary>A hash the record at <paramref name="seq"/> must have, known from an archive.</summary>
    public void Anchor(long seq, byte[] hash) => _anchors[seq] = hash;

    public bool Next(long seq, byte[] prevHash, byte[] hash, Func<byte[]> recompute)
    {
        if (_problem is not null)
        {
            return false;
        }

        _records++;
        if (_gapless && seq != _lastSeq + 1)
        {
            _problem = new ChainProblem(ChainProblems.RecordMissing, _lastSeq + 1, $"The record at {_lastSeq + 1} is missing; the next one stored is {seq}.");
        }
        else if (!prevHash.AsSpan().SequenceEqual(_previousHash))
        {
            _problem = new ChainProblem(ChainProblems.LinkBroken, seq, $"The record at {seq} does not link to the record before it: inserted, moved, or its predecessor deleted.");
        }
        else if (!recompute().AsSpan().SequenceEqual(hash))
        {
            _problem = new ChainProblem(ChainProblems.RecordAltered, seq, $"The record at {seq} no longer matches its hash: a value was changed.");
        }
        else if (_checkpoints.TryGetValue(seq, out var checkpoint) && !checkpoint.Hash.AsSpan().SequenceEqual(hash))
        {
            _problem = new ChainProblem(ChainProblems.CheckpointMismatch, seq, $"The chain up to {seq} is not the one checkpointed: it was rewritten.");
        }
        else if (_anchors.TryGetValue(seq, out var anchored) && !anchored.AsSpan().SequenceEqual(hash))
        {
            _problem = new ChainProblem(ChainProblems.ArchiveMismatch, seq, $"The record at {seq} is not the one archived: it was rewritten since its month was archived.");
        }

        if (_problem is not null)
        {
            return false;
        }

        _previousHash = hash;
        _lastSeq = seq;
        return true;
    }

    /// <summary>Marks an entry that links and hashes correctly as bad for another reason.</summary>
    public void Reject(string code, long seq, string detail) => _problem ??= new ChainProblem(code, seq, detail);

    public ChainReport Finish(string? label = null)
    {
        if (_problem is null && LastCheckpoint is { } last && last > _lastSeq)
        {
            // For the gapless call chains the first lost record is known; catalog seqs may skip, so name the first seq after the end.
            _problem = new ChainProblem(ChainProblems.TailTruncated, _lastSeq + 1, $"The chain ends at {_lastSeq}, before its checkpoint at {last}: records were cut off.");
        }

        return new ChainReport(label ?? _chain, _records, _lastSeq, LastCheckpoint, _problem?.Code, _problem?.Seq, _problem?.Detail);
    }

    private sealed record ChainProblem(string Code, long Seq, string Detail);
}
