using DataGateway.Ledger.Verification;
using Npgsql;

namespace DataGateway.Ledger.Archive;

/// <summary>
/// What the database remembers of a chain's archived months (<c>ledger_archive_chains</c>), for its verifier: where
/// the chain continues after the newest detached month, and the hashes the records it still holds must have.
/// </summary>
/// <remarks>
/// The walk starts after the newest <em>detached</em> archive rather than the newest archive: until a month is
/// detached its partition is still there, and walking it link by link proves more than skipping it; the archive's
/// head is then an anchor the walk must pass through.
/// </remarks>
internal sealed class ArchivedChain
{
    private readonly Dictionary<long, byte[]> _known = [];

    // The straddlers of the newest detached month: they live in the month after it, which is still here, so each must
    // still be in the database. (An older detached month's straddlers went with the next month when it was detached.)
    private readonly SortedSet<long> _required = [];

    /// <summary>The last seq of the newest detached archive of the chain (0 if none): the walk starts after it.</summary>
    public long StartSeq { get; private set; }

    /// <summary>The hash the record after <see cref="StartSeq"/> links to.</summary>
    public byte[] StartHash { get; private set; } = LedgerChain.Genesis;

    /// <summary>Every straddler's hash, and the head of every archive not yet detached.</summary>
    public IReadOnlyDictionary<long, byte[]> Known => _known;

    public static async Task<Dictionary<string, ArchivedChain>> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var chains = new Dictionary<string, ArchivedChain>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand(
            """
            select c.chain, c.to_seq, c.to_hash, a.detached_at is not null, c.straddler_seqs, c.straddler_hashes
            from ledger_archive_chains c join ledger_archives a using (month) order by c.chain, c.to_seq
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var chain = reader.GetString(0);
            if (!chains.TryGetValue(chain, out var archived))
            {
                chains[chain] = archived = new ArchivedChain();
            }

            var (toSeq, toHash) = (reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
            var seqs = reader.GetFieldValue<long[]>(4);
            var hashes = reader.GetFieldValue<byte[][]>(5);
            if (reader.GetBoolean(3))
            {
                (archived.StartSeq, archived.StartHash) = (toSeq, toHash);
                archived._required.Clear();
                archived._required.UnionWith(seqs);
            }
            else
            {
                archived._known[toSeq] = toHash;
            }

            for (var i = 0; i < seqs.Length; i++)
            {
                archived._known[seqs[i]] = hashes[i];
            }
        }

        return chains;
    }

    /// <summary>
    /// A record at or below <see cref="StartSeq"/> still in the database: a straddler of a detached month, which must
    /// hash as stored and be the one archived. Rejects it on <paramref name="walk"/> otherwise.
    /// </summary>
    public bool CheckStraddler(LedgerRecord record, ChainWalk walk)
    {
        if (!LedgerEncoding.Hash(record, record.PrevHash).AsSpan().SequenceEqual(record.Hash))
        {
            walk.Reject(ChainProblems.RecordAltered, record.Seq, $"The record at {record.Seq} no longer matches its hash: a value was changed.");
            return false;
        }

        if (!_known.TryGetValue(record.Seq, out var archived) || !archived.AsSpan().SequenceEqual(record.Hash))
        {
            walk.Reject(ChainProblems.ArchiveMismatch, record.Seq,
                $"The record at {record.Seq} lies in an archived range but is not the straddler archived there: changed or inserted since.");
            return false;
        }

        _required.Remove(record.Seq);
        return true;
    }

    /// <summary>After the chain's records: rejects the first straddler of the newest detached month that was not met.</summary>
    public void CheckNoStraddlerMissing(ChainWalk walk)
    {
        if (_required.Count > 0)
        {
            walk.Reject(ChainProblems.RecordMissing, _required.Min,
                $"The record at {_required.Min}, kept in the database when its month was archived (a straddler), is gone.");
        }
    }
}
