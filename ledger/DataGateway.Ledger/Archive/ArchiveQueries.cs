using System.Runtime.CompilerServices;
using DataGateway.Ledger.Verification;
using Npgsql;

namespace DataGateway.Ledger.Archive;

/// <summary>The SQL of archiving and detaching, on one connection and transaction (one snapshot).</summary>
internal sealed class ArchiveQueries(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public async Task<bool> IsArchivedAsync(LedgerMonth month, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>("select exists (select 1 from ledger_archives where month = @month)", cancellationToken, ("month", month.FirstDay));

    /// <summary>The months that have a partition attached to <c>ledger_records</c> now.</summary>
    public async Task<List<LedgerMonth>> PartitionsAsync(CancellationToken cancellationToken)
    {
        var months = new List<LedgerMonth>();
        await using var command = Command("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'ledger_records'::regclass");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (LedgerMonth.FromPartitionName(reader.GetString(0)) is { } month)
            {
                months.Add(month);
            }
        }

        return months;
    }

    /// <summary>Whether a partition holds any row (its name comes from <see cref="LedgerMonth.PartitionName"/>, never from input).</summary>
    public async Task<bool> HasRowsAsync(string partition, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>($"select exists (select 1 from {partition})", cancellationToken);

    public async Task<bool> HasDefaultRowsBeforeAsync(DateTimeOffset end, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>("select exists (select 1 from ledger_records_default where started_at < @end)", cancellationToken, ("end", end));

    /// <summary>Per chain of the month's partition: its highest seq there, and the last seq its previous archives hold (0 if none).</summary>
    public async Task<List<(string Chain, long ToSeq, long PreviousTo)>> ChainRangesAsync(LedgerMonth month, CancellationToken cancellationToken)
    {
        var ranges = new List<(string, long, long)>();
        await using var command = Command(
            $"""
            select p.chain, p.to_seq, coalesce((select max(a.to_seq) from ledger_archive_chains a where a.chain = p.chain), 0)
            from (select chain, max(seq) as to_seq from {month.PartitionName} group by chain) p
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ranges.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return ranges;
    }

    /// <summary>The first record's prev_hash and the last record's hash of a range, or null when either is missing.</summary>
    public async Task<(byte[] FromPrev, byte[] ToHash)?> EndsAsync(string chain, long fromSeq, long toSeq, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            select (select prev_hash from ledger_records where chain = @chain and seq = @from limit 1),
                   (select hash from ledger_records where chain = @chain and seq = @to limit 1)
            """, ("chain", chain), ("from", fromSeq), ("to", toSeq));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) || reader.IsDBNull(1) ? null : (reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1));
    }

    public async Task<List<long>> StraddlersAsync(string chain, long fromSeq, long toSeq, DateTimeOffset monthEnd, CancellationToken cancellationToken)
    {
        var seqs = new List<long>();
        await using var command = Command("select seq from ledger_records where chain = @chain and seq between @from and @to and started_at >= @end order by seq",
            ("chain", chain), ("from", fromSeq), ("to", toSeq), ("end", monthEnd));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            seqs.Add(reader.GetInt64(0));
        }

        return seqs;
    }

    public async Task<List<Checkpoint>> CheckpointsAsync(IEnumerable<ArchiveChainHead> heads, CancellationToken cancellationToken)
    {
        var checkpoints = new List<Checkpoint>();
        foreach (var head in heads)
        {
            await using var command = Command("select chain, seq, hash, signed_at, key_id, signature from ledger_checkpoints where chain = @chain and seq between @from and @to order by seq",
                ("chain", head.Chain), ("from", head.FromSeq), ("to", head.ToSeq));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                checkpoints.Add(new Checkpoint(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2),
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetFieldValue<byte[]>(5)));
            }
        }

        return checkpoints;
    }

    public async IAsyncEnumerable<LedgerRecord> RecordsAsync(string chain, long fromSeq, long toSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command($"select {LedgerRecordColumns.Select} from ledger_records where chain = @chain and seq between @from and @to order by seq",
            ("chain", chain), ("from", fromSeq), ("to", toSeq));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return LedgerRecordColumns.Read(reader);
        }
    }

    /// <summary>The archive's row and one row per chain, straddlers' (seq, hash) pairs with them.</summary>
    public async Task RecordAsync(LedgerMonth month, string fileName, byte[] sha256, ArchiveHeader header, CancellationToken cancellationToken)
    {
        await using (var archive = Command("insert into ledger_archives (month, file_name, file_sha256, records, created_at) values (@month, @file, @sha, @records, @at)",
            ("month", month.FirstDay), ("file", fileName), ("sha", sha256), ("records", header.Records), ("at", header.CreatedAt)))
        {
            await archive.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var head in header.Chains)
        {
            await using var command = Command(
                """
                insert into ledger_archive_chains (month, chain, from_seq, to_seq, from_prev_hash, to_hash, records, straddler_seqs, straddler_hashes)
                select @month, @chain, @from, @to, @fromPrev, @toHash, @records, coalesce(array_agg(seq order by seq), '{}'), coalesce(array_agg(hash order by seq), '{}')
                from ledger_records where chain = @chain and seq = any(@straddlers)
                """,
                ("month", month.FirstDay), ("chain", head.Chain), ("from", head.FromSeq), ("to", head.ToSeq), ("fromPrev", Convert.FromHexString(head.FromPrevHash)),
                ("toHash", Convert.FromHexString(head.ToHash)), ("records", head.Records), ("straddlers", head.Straddlers.ToArray()));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public NpgsqlCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
