using System.Buffers;
using Npgsql;

namespace DataGateway.Ledger;

/// <summary>
/// Writes sealed records to PostgreSQL in batches: binary COPY into a staging table, then one insert that skips
/// request ids already stored, so writing the same batch twice (a retry, a journal replay) stores it once.
/// </summary>
public sealed class LedgerStore(NpgsqlDataSource dataSource)
{
    /// <summary>Opens the chain <paramref name="chainId"/> where it ended, or starts it.</summary>
    public async Task<LedgerChain> OpenChainAsync(string chainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select seq, hash from ledger_records where chain = @chain order by seq desc limit 1");
        command.Parameters.AddWithValue("chain", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LedgerChain(chainId, reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : new LedgerChain(chainId, 0, LedgerChain.Genesis);
    }

    /// <summary>
    /// Stores the batch in one transaction; returns how many records were new. The fast path copies straight into the
    /// ledger; if any record is already there (a retry after an unclear failure, a journal replay) the batch is
    /// written again through a staging table that skips the records already stored.
    /// </summary>
    /// <param name="timed">Observe the commit's stages (<see cref="LedgerMetrics.CommitStage"/>): the group commit's own batches.</param>
    public async Task<int> WriteAsync(IReadOnlyList<LedgerRecord> batch, CancellationToken cancellationToken, bool timed = false)
    {
        try
        {
            return await WriteBatchAsync(batch, staged: false, timed, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return await WriteBatchAsync(batch, staged: true, timed: false, cancellationToken);
        }
    }

    private async Task<int> WriteBatchAsync(IReadOnlyList<LedgerRecord> batch, bool staged, bool timed, CancellationToken cancellationToken)
    {
        var stage = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        stage = timed ? LedgerMetrics.Connect.Since(stage) : stage;
        // The fast path is one COPY, atomic on its own: no BEGIN/COMMIT round trip around it.
        await using var transaction = staged ? await connection.BeginTransactionAsync(cancellationToken) : null;
        if (staged)
        {
            await using var create = new NpgsqlCommand("create temp table ledger_staging (like ledger_records) on commit drop", connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var copy = await connection.BeginRawBinaryCopyAsync(
            $"copy {(staged ? "ledger_staging" : "ledger_records")} ({LedgerCopyFormat.Columns}) from stdin (format binary)", cancellationToken);
        stage = timed ? LedgerMetrics.CopyStart.Since(stage) : stage;
        await using (copy)
        {
            try
            {
                await CopyRowsAsync(copy, batch, cancellationToken);
            }
            catch
            {
                // Disposing would end the COPY and commit the rows sent so far: abort it instead.
                await AbortAsync(copy);
                throw;
            }
        } // disposing ends the COPY and waits for its result: a duplicate request id throws here

        if (timed)
        {
            LedgerMetrics.CopyEnd.Since(stage);
        }

        if (transaction is null)
        {
            return batch.Count;
        }

        int inserted;
        await using (var insert = new NpgsqlCommand("insert into ledger_records select * from ledger_staging on conflict (request_id, started_at) do nothing", connection, transaction))
        {
            inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>
    /// Makes this month's partition of <c>ledger_records</c> and the next <paramref name="monthsAhead"/> months' where
    /// missing (the SQL function of migration 005, idempotent and safe from several processes); returns how many it made.
    /// </summary>
    public async Task<int> EnsurePartitionsAsync(int monthsAhead, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select ledger_ensure_partitions(@months)");
        command.Parameters.AddWithValue("months", monthsAhead);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task WriteCheckpointAsync(Verification.Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        await Verification.CheckpointRows.InsertAsync(command, checkpoint, cancellationToken);
    }

    /// <summary>The chain's records above <paramref name="afterSeq"/> that were committed as complete.</summary>
    public async Task<List<(long Seq, Guid RequestId)>> CompleteRecordsAfterAsync(string chainId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select seq, request_id from ledger_records where chain = @chain and seq > @after and complete order by seq");
        command.Parameters.AddWithValue("chain", chainId);
        command.Parameters.AddWithValue("after", afterSeq);
        var records = new List<(long, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add((reader.GetInt64(0), reader.GetGuid(1)));
        }

        return records;
    }

    /// <summary>
    /// Amends the records as undelivered (idempotent), each signed by <paramref name="signer"/> when there is one;
    /// returns how many were newly amended.
    /// </summary>
    public async Task<int> AmendUndeliveredAsync(
        IReadOnlyCollection<Guid> requestIds, string notedBy, Verification.CheckpointSigner? signer, CancellationToken cancellationToken)
    {
        if (requestIds.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(
            """
            insert into ledger_amendments (request_id, kind, noted_by, key_id, signature)
            select a.id, @kind, @by, @key, a.signature from unnest(@ids, @signatures) as a(id, signature)
            where exists (select 1 from ledger_records r where r.request_id = a.id)
            on conflict (request_id) do nothing
            """);
        const string kind = Verification.LedgerAmendment.Undelivered;
        command.Parameters.AddWithValue("ids", requestIds.ToArray());
        command.Parameters.AddWithValue("signatures", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea,
            requestIds.Select(id => signer?.SignAmendment(id, kind, notedBy)).ToArray());
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("by", notedBy);
        command.Parameters.AddWithValue("key", (object?)signer?.KeyId ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether another owner's table is there (the verifier reads the catalog's chain, but the ledger does not create it).</summary>
    internal async Task<bool> TableExistsAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select to_regclass(@table) is not null");
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Where the amendments' chain ends, to checkpoint it.</summary>
    public Task<(long Seq, byte[] Hash)?> LastAmendmentAsync(CancellationToken cancellationToken) =>
        ChainHeadAsync("select seq, hash from ledger_amendments order by seq desc limit 1", cancellationToken);

    /// <summary>The last (seq, hash) of a chain the database keeps (the amendments'); null while it is empty.</summary>
    private async Task<(long Seq, byte[] Hash)?> ChainHeadAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    /// <summary>A chain's records in sequence order, as stored (for verification).</summary>
    public async IAsyncEnumerable<LedgerRecord> ReadChainAsync(string chainId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"select {LedgerRecordColumns.Select} from ledger_records where chain = @chain order by seq");
        command.Parameters.AddWithValue("chain", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return LedgerRecordColumns.Read(reader);
        }
    }

    private static async Task AbortAsync(NpgsqlRawCopyStream copy)
    {
        try
        {
            await copy.CancelAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is broken and goes with the COPY.
        }
    }

    /// <summary>The batch in COPY's binary format, sent in pieces of about 64 KB.</summary>
    private static async Task CopyRowsAsync(Stream copy, IReadOnlyList<LedgerRecord> batch, CancellationToken cancellationToken)
    {
        const int Piece = 64 * 1024;
        var buffer = new ArrayBufferWriter<byte>(Math.Min(Piece + 4096, 64 + (batch.Count * 512)));
        LedgerCopyFormat.WriteHeader(buffer);
        foreach (var record in batch)
        {
            LedgerCopyFormat.WriteRow(buffer, record);
            if (buffer.WrittenCount >= Piece)
            {
                await copy.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        LedgerCopyFormat.WriteTrailer(buffer);
        await copy.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }
}
