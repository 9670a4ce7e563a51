using System.Security.Cryptography;
using Npgsql;

namespace DataGateway.Ledger.Verification;

/// <summary>
/// Walks every call chain, the catalog's event chain (<see cref="CatalogChainWalk"/>: Marten's events against the
/// catalog writer's links, every finding listed) and the amendments' chain, and reports, per chain, the first sequence
/// number where the stored records stop proving themselves: a record whose contents no longer match its hash, a missing record, a
/// broken link (a record inserted or moved), a record that contradicts a signed checkpoint, a chain that ends
/// before its last checkpoint (a truncated tail), or an amendment no trusted key signed.
/// </summary>
/// <remarks>
/// What it cannot see, by construction: records appended after a chain's last checkpoint by someone who recomputes
/// SHA-256 correctly. Checkpoints are signed periodically and at shutdown, which bounds that window.
/// </remarks>
public sealed class LedgerVerifier(NpgsqlDataSource dataSource, IReadOnlyDictionary<string, ECDsa> checkpointKeys)
{
    public async Task<VerificationReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var store = new LedgerStore(dataSource);
        var checkpoints = await ReadCheckpointsAsync(cancellationToken);
        var reports = new List<ChainReport>();
        foreach (var chain in await ReadChainIdsAsync(cancellationToken))
        {
            var walk = new ChainWalk(chain, checkpoints.GetValueOrDefault(chain, []), checkpointKeys, gapless: true);
            await foreach (var record in store.ReadChainAsync(chain, cancellationToken))
            {
                if (!walk.Next(record.Seq, record.PrevHash, record.Hash, () => LedgerEncoding.Hash(record, record.PrevHash)))
                {
                    break;
                }
            }

            reports.Add(walk.Finish());
        }

        reports.Add(await new CatalogChainWalk(dataSource, checkpoints.GetValueOrDefault(Checkpoint.CatalogChain, []), checkpointKeys)
            .VerifyAsync(store, cancellationToken));

        var amendments = new ChainWalk(Checkpoint.AmendmentsChain, checkpoints.GetValueOrDefault(Checkpoint.AmendmentsChain, []), checkpointKeys, gapless: false);
        await foreach (var a in ReadAmendmentsAsync(cancellationToken))
        {
            if (!amendments.Next(a.Seq, a.PrevHash, a.Hash, () => a.ComputeHash(a.PrevHash)))
            {
                break;
            }

            // The trigger chains whatever is inserted: only a trusted signature shows a gateway made the amendment.
            if (a.Signature is null)
            {
                amendments.Reject(ChainProblems.AmendmentUnsigned, a.Seq, $"The amendment at {a.Seq} (call {a.RequestId:D}) is signed by no gateway: it cannot be told from one written straight into the database.");
                break;
            }

            if (a.KeyId is null || !checkpointKeys.TryGetValue(a.KeyId, out var key) || !a.IsSignedBy(key))
            {
                amendments.Reject(ChainProblems.AmendmentSignatureInvalid, a.Seq, $"The amendment at {a.Seq} (call {a.RequestId:D}) is not signed by a trusted key (key id {a.KeyId}).");
                break;
            }
        }

        reports.Add(amendments.Finish());
        return new VerificationReport(DateTimeOffset.UtcNow, reports);
    }

    private async Task<List<string>> ReadChainIdsAsync(CancellationToken cancellationToken)
    {
        var chains = new List<string>();
        await using var command = dataSource.CreateCommand(
            "select chain from ledger_records group by chain union select chain from ledger_checkpoints where chain <> all(@shared) order by 1");
        command.Parameters.AddWithValue("shared", new[] { Checkpoint.CatalogChain, Checkpoint.AmendmentsChain });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            chains.Add(reader.GetString(0));
        }

        return chains;
    }

    private async Task<Dictionary<string, List<Checkpoint>>> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        var checkpoints = new Dictionary<string, List<Checkpoint>>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("select chain, seq, hash, signed_at, key_id, signature from ledger_checkpoints order by chain, seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var checkpoint = new Checkpoint(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetFieldValue<byte[]>(5));
            if (!checkpoints.TryGetValue(checkpoint.Chain, out var list))
            {
                checkpoints[checkpoint.Chain] = list = [];
            }

            list.Add(checkpoint);
        }

        return checkpoints;
    }

    private async IAsyncEnumerable<LedgerAmendment> ReadAmendmentsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select seq, request_id, kind, noted_at, noted_by, prev_hash, hash, key_id, signature from ledger_amendments order by seq");
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            yield return new LedgerAmendment(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
                r.GetFieldValue<byte[]>(5), r.GetFieldValue<byte[]>(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetFieldValue<byte[]>(8));
        }
    }

    /// <summary>One chain's walk in sequence order, stopping at the first record that does not prove itself.</summary>
    private sealed class ChainWalk
    {
        private readonly string _chain;
        private readonly Dictionary<long, Checkpoint> _checkpoints = [];
        private readonly bool _gapless;
        private byte[] _previousHash = LedgerChain.Genesis;
        private long _lastSeq;
        private long _records;
        private ChainProblem? _problem;

        public ChainWalk(string chain, List<Checkpoint> checkpoints, IReadOnlyDictionary<string, ECDsa> keys, bool gapless)
        {
            _chain = chain;
            _gapless = gapless;
            foreach (var checkpoint in checkpoints)
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

        private long? LastCheckpoint { get; }

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

        public ChainReport Finish()
        {
            if (_problem is null && LastCheckpoint is { } last && last > _lastSeq)
            {
                // For the gapless call chains the first lost record is known; catalog seqs may skip, so name the first seq after the end.
                _problem = new ChainProblem(ChainProblems.TailTruncated, _lastSeq + 1, $"The chain ends at {_lastSeq}, before its checkpoint at {last}: records were cut off.");
            }

            return new ChainReport(_chain, _records, _lastSeq, LastCheckpoint, _problem?.Code, _problem?.Seq, _problem?.Detail);
        }
    }

    private sealed record ChainProblem(string Code, long Seq, string Detail);
}

/// <summary>The stable codes a verification reports.</summary>
public static class ChainProblems
{
    public const string RecordAltered = "record_altered";
    public const string RecordMissing = "record_missing";
    public const string LinkBroken = "link_broken";
    public const string CheckpointMismatch = "checkpoint_mismatch";
    public const string CheckpointSignatureInvalid = "checkpoint_signature_invalid";
    public const string TailTruncated = "tail_truncated";

    /// <summary>An amendment (a call made unbillable) that no gateway signed.</summary>
    public const string AmendmentUnsigned = "amendment_unsigned";

    /// <summary>An amendment whose signature is not a trusted key's.</summary>
    public const string AmendmentSignatureInvalid = "amendment_signature_invalid";

    /// <summary>A catalog event with no link: written into <c>mt_events</c> by something other than the catalog's writer.</summary>
    public const string RecordUnlinked = "record_unlinked";

    /// <summary>A catalog event at another seq than the one it was appended at (events reordered).</summary>
    public const string RecordMoved = "record_moved";

    /// <summary>A link of the catalog's chain past its last checkpoint: the catalog's writer checkpoints every head it writes.</summary>
    public const string LinkUnsigned = "link_unsigned";
}

/// <param name="Problem">Null when the chain proves itself; else one of <see cref="ChainProblems"/>.</param>
/// <param name="FirstBadSeq">The first sequence number that does not prove itself.</param>
/// <param name="Findings">
/// Every finding, lowest seq first, for the catalog's chain (whose events each have a link of their own, so one bad
/// event hides nothing after it); a call chain, which stops at its first bad record, lists that one.
/// </param>
public sealed record ChainReport(
    string Chain, long Records, long LastSeq, long? LastCheckpointSeq, string? Problem, long? FirstBadSeq, string? Detail, IReadOnlyList<ChainFinding>? Findings = null)
{
    public IReadOnlyList<ChainFinding>? Findings { get; init; } =
        Findings ?? (Problem is null ? [] : [new ChainFinding(Problem, FirstBadSeq ?? 0, Detail ?? "")]);
}

public sealed record VerificationReport(DateTimeOffset VerifiedAt, IReadOnlyList<ChainReport> Chains)
{
    public bool Intact => Chains.All(c => c.Problem is null);
}
