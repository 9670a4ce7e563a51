using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Archive;

/// <summary>
/// Proves a month's partition is all in its archive, streaming both side by side, chain by chain in seq order: each
/// record of the partition is the file's record at that seq with the same hash, or, below the chain's range, a
/// straddler the previous archive recorded; each record of the file not in the partition is one of its straddlers.
/// </summary>
internal sealed class PartitionComparison(ArchiveQueries db, LedgerMonth month)
{
    public async Task<long> CompareAsync(string path, ArchiveHeader header, CancellationToken cancellationToken)
    {
        var earlier = await EarlierStraddlersAsync(cancellationToken);
        using var file = ArchiveFileReader.Open(path);
        long compared = 0;
        foreach (var head in header.Chains)
        {
            var fileRecords = ReadChain(file, head).GetEnumerator();
            var more = fileRecords.MoveNext();
            await foreach (var record in PartitionChainAsync(head.Chain, cancellationToken))
            {
                var (seq, hash) = (record.Seq, record.Hash);
                // The stored hash alone would not show a value changed in place: the record must still hash to it.
                if (!LedgerEncoding.Hash(record, record.PrevHash).AsSpan().SequenceEqual(hash))
                {
                    throw Changed(head.Chain, seq, "no longer matches its hash (changed since)");
                }

                compared++;
                while (more && fileRecords.Current.Seq < seq)
                {
                    RequireStraddler(fileRecords.Current);
                    more = fileRecords.MoveNext();
                }

                if (more && fileRecords.Current.Seq == seq)
                {
                    if (!fileRecords.Current.Hash.AsSpan().SequenceEqual(hash))
                    {
                        throw Changed(head.Chain, seq, "differs from the archived record (changed since)");
                    }

                    more = fileRecords.MoveNext();
                }
                else if (!earlier.TryGetValue((head.Chain, seq), out var straddler) || !straddler.AsSpan().SequenceEqual(hash))
                {
                    throw Changed(head.Chain, seq, "is not in the archive (written or changed since)");
                }
            }

            for (; more; more = fileRecords.MoveNext())
            {
                RequireStraddler(fileRecords.Current);
            }
        }

        // A chain of the partition the archive does not hold: every record of it was a straddler of the previous archive.
        await foreach (var record in OtherChainsAsync(header.Chains.Select(c => c.Chain).ToArray(), cancellationToken))
        {
            compared++;
            var (chain, seq, hash) = (record.Chain, record.Seq, record.Hash);
            if (!LedgerEncoding.Hash(record, record.PrevHash).AsSpan().SequenceEqual(hash)
                || !earlier.TryGetValue((chain, seq), out var straddler) || !straddler.AsSpan().SequenceEqual(hash))
            {
                throw Changed(chain, seq, "is not in the archive (written or changed since)");
            }
        }

        return compared;
    }

    private static IEnumerable<LedgerRecord> ReadChain(ArchiveFileReader file, ArchiveChainHead head)
    {
        for (var i = 0L; i < head.Records; i++)
        {
            yield return file.ReadRecord();
        }
    }

    private void RequireStraddler(LedgerRecord record)
    {
        if (record.StartedAt < month.End)
        {
            throw Changed(record.Chain, record.Seq, "is archived but no longer in the database (deleted since)");
        }
    }

    private async IAsyncEnumerable<LedgerRecord> PartitionChainAsync(string chain, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = db.Command($"select {LedgerRecordColumns.Select} from {month.PartitionName} where chain = @chain order by seq", ("chain", chain));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return LedgerRecordColumns.Read(reader);
        }
    }

    private async IAsyncEnumerable<LedgerRecord> OtherChainsAsync(string[] archived, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = db.Command($"select {LedgerRecordColumns.Select} from {month.PartitionName} where chain <> all(@archived)", ("archived", archived));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return LedgerRecordColumns.Read(reader);
        }
    }

    /// <summary>The straddlers older archives recorded: records of this month's partition below the ranges of this archive.</summary>
    private async Task<Dictionary<(string, long), byte[]>> EarlierStraddlersAsync(CancellationToken cancellationToken)
    {
        var straddlers = new Dictionary<(string, long), byte[]>();
        await using var command = db.Command(
            "select chain, unnest(straddler_seqs), unnest(straddler_hashes) from ledger_archive_chains where month < @month", ("month", month.FirstDay));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            straddlers[(reader.GetString(0), reader.GetInt64(1))] = reader.GetFieldValue<byte[]>(2);
        }

        return straddlers;
    }

    private ArchiveRefusedException Changed(string chain, long seq, string what) =>
        new(ArchiveRefusals.DatabaseChanged,
            $"数据库自归档以来已改变，不分离 the database changed since {month} was archived, so it is not detached: the record {chain} at seq {seq} {what}.", evidence: true);
}
