using System.Security.Cryptography;
using DataGateway.Ledger.Archive;
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
        var archived = await ArchivedChain.ReadAsync(dataSource, cancellationToken);
        foreach (var chain in await ReadChainIdsAsync(cancellationToken))
        {
            // A chain with detached months continues from the newest one's head; one with nothing archived walks from genesis.
            var head = archived.GetValueOrDefault(chain);
            var walk = new ChainWalk(chain, checkpoints.GetValueOrDefault(chain, []), checkpointKeys, gapless: true, head?.StartSeq ?? 0, head?.StartHash);
            foreach (var (seq, hash) in head?.Known ?? new Dictionary<long, byte[]>())
            {
                walk.Anchor(seq, hash);
            }

            var intact = true;
            await foreach (var record in store.ReadChainAsync(chain, cancellationToken))
            {
                intact = head is not null && record.Seq <= head.StartSeq
                    ? head.CheckStraddler(record, walk)
                    : walk.Next(record.Seq, record.PrevHash, record.Hash, () => LedgerEncoding.Hash(record, record.PrevHash));
                if (!intact)
                {
                    break;
                }
            }

            if (intact && head is not null)
            {
                head.CheckNoStraddlerMissing(walk);
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
            """
            select chain from ledger_records group by chain union select chain from ledger_checkpoints where chain <> all(@shared)
            union select chain from ledger_archive_chains order by 1
            """);
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

    /// <summary>A record that differs from the one its month's archive holds (a straddler, or an archive's head).</summary>
    public const string ArchiveMismatch = "archive_mismatch";

    /// <summary>An archive file that is cut short or not what its header says: lines missing, unreadable or extra.</summary>
    public const string ArchiveMalformed = "archive_malformed";

    /// <summary>An archive whose chain does not start where the previous month's archive of that chain ended.</summary>
    public const string ArchiveNotContinued = "archive_not_continued";

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
