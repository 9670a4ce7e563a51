using DataGateway.Returns.Jobs;
using Npgsql;

namespace DataGateway.Returns.Running;

/// <summary>
/// The worker's writes for the job it has claimed: intents before each batch is sent, the checkpoint after each is
/// acknowledged, failures, progress. Every write is fenced by the worker's name in <c>return_jobs.worker</c>: a worker
/// that lost its claim (its lock connection died and another took the job) finds nothing to update and stops
/// (<see cref="ClaimLostException"/>) rather than write over the new owner.
/// </summary>
internal sealed class ReturnProgressStore(NpgsqlDataSource dataSource, Guid jobId, string worker)
{
    private const string Fence = "exists (select 1 from return_jobs where id = @job and worker = @worker)";

    public async Task<string> ReadStateAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select state from return_jobs where id = $1 and worker = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        command.Parameters.Add(new NpgsqlParameter { Value = worker });
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? throw new ClaimLostException(jobId);
    }

    public async Task<IReadOnlyList<ReturnReceipt>> ReceiptsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select {ReturnJobRows.ReceiptColumns} from return_districts where job_id = $1 order by district");
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        var receipts = new List<ReturnReceipt>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            receipts.Add(ReturnJobRows.ReadReceipt(reader));
        }

        return receipts;
    }

    /// <summary>The batch a district sent last and never saw acknowledged (a crash in between), if any.</summary>
    public async Task<(long Sequence, int Rows)?> PendingBatchAsync(string district, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select sequence, rows from return_batches where job_id = $1 and district = $2 and state = 'sent' order by sequence limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = jobId });
        command.Parameters.Add(new NpgsqlParameter { Value = district });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt32(1)) : null;
    }

    /// <summary>Recorded before the batch is sent; the same batch formed again after a crash finds its intent there already.</summary>
    public Task RecordIntentAsync(ReturnBatch batch, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteFencedAsync(
            "insert into return_batches (job_id, district, sequence, batch_id, first_page, first_skip, end_page, end_skip, rows, state, sent_at) "
            + $"select @job, @district, @sequence, @batch, @firstPage, @firstSkip, @endPage, @endSkip, @rows, 'sent', @now where {Fence} "
            + "on conflict (job_id, district, sequence) do update set end_page = excluded.end_page, end_skip = excluded.end_skip, sent_at = excluded.sent_at",
            command =>
            {
                command.Parameters.AddWithValue("district", batch.District);
                command.Parameters.AddWithValue("sequence", batch.Sequence);
                command.Parameters.AddWithValue("batch", batch.BatchId);
                command.Parameters.AddWithValue("firstPage", batch.FirstPage);
                command.Parameters.AddWithValue("firstSkip", batch.FirstSkip);
                command.Parameters.AddWithValue("endPage", batch.EndPage);
                command.Parameters.AddWithValue("endSkip", batch.EndSkip);
                command.Parameters.AddWithValue("rows", batch.Rows);
                command.Parameters.AddWithValue("now", now);
            },
            cancellationToken);

    /// <summary>The checkpoint: the batch acknowledged, the district's counts and resume position moved past it, in one transaction.</summary>
    public async Task AcknowledgeAsync(ReturnBatch batch, string? firstWatermark, string? lastWatermark, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "update return_batches set state = 'acknowledged', acknowledged_at = @now where batch_id = @batch and state = 'sent' and " + Fence,
            connection, transaction);
        Fill(command);
        command.Parameters.AddWithValue("batch", batch.BatchId);
        command.Parameters.AddWithValue("now", now);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new ClaimLostException(jobId);
        }

        await using var receipt = new NpgsqlCommand(
            "update return_districts set rows_delivered = rows_delivered + @rows, batches = @sequence, resume_page = @endPage, "
            + "resume_skip = @endSkip, first_watermark = @first, last_watermark = @last, attempts = 0, state = 'delivering', "
            + "next_attempt_at = null, updated_at = @now where job_id = @job and district = @district",
            connection, transaction);
        Fill(receipt);
        receipt.Parameters.AddWithValue("rows", (long)batch.Rows);
        receipt.Parameters.AddWithValue("sequence", batch.Sequence);
        receipt.Parameters.AddWithValue("endPage", batch.EndPage);
        receipt.Parameters.AddWithValue("endSkip", batch.EndSkip);
        receipt.Parameters.AddWithValue("first", (object?)firstWatermark ?? DBNull.Value);
        receipt.Parameters.AddWithValue("last", (object?)lastWatermark ?? DBNull.Value);
        receipt.Parameters.AddWithValue("now", now);
        receipt.Parameters.AddWithValue("district", batch.District);
        await receipt.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A district's attempt failed: counted, and the district waits (until <paramref name="nextAttemptAt"/>) or has failed.</summary>
    public Task RecordFailureAsync(
        string district, string state, int attempts, string code, string message, DateTimeOffset? nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteFencedAsync(
            "update return_districts set state = @state, failures = failures + 1, attempts = @attempts, last_error_code = @code, "
            + $"last_error = @message, next_attempt_at = @next, updated_at = @now where job_id = @job and district = @district and {Fence}",
            command =>
            {
                command.Parameters.AddWithValue("district", district);
                command.Parameters.AddWithValue("state", state);
                command.Parameters.AddWithValue("attempts", attempts);
                command.Parameters.AddWithValue("code", code);
                command.Parameters.AddWithValue("message", message);
                command.Parameters.AddWithValue("next", (object?)nextAttemptAt ?? DBNull.Value);
                command.Parameters.AddWithValue("now", now);
            },
            cancellationToken);

    /// <summary>Sets a district's state (null: keeps it) and its source count (null: keeps it).</summary>
    public Task SetDistrictStateAsync(string district, string? state, long? sourceRows, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteFencedAsync(
            "update return_districts set state = coalesce(@state, state), source_rows = coalesce(@source, source_rows), updated_at = @now "
            + $"where job_id = @job and district = @district and {Fence}",
            command =>
            {
                command.Parameters.AddWithValue("district", district);
                command.Parameters.Add(new NpgsqlParameter("state", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)state ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("source", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)sourceRows ?? DBNull.Value });
                command.Parameters.AddWithValue("now", now);
            },
            cancellationToken);

    /// <summary>The read's progress after a page: rows read and held (counted by whole reads only) and the source's total if it said.</summary>
    public Task RecordReadAsync(long rowsRead, HeldRows held, long? sourceTotal, double runSeconds, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteFencedAsync(
            "update return_jobs set rows_read = greatest(rows_read, @read), held_missing = greatest(held_missing, @missing), "
            + "held_unknown = greatest(held_unknown, @unknown), held_ambiguous = greatest(held_ambiguous, @ambiguous), "
            + "held_not_object = greatest(held_not_object, @notObject), source_total = coalesce(@total, source_total), "
            + "run_seconds = @seconds, updated_at = @now where id = @job and worker = @worker",
            command =>
            {
                command.Parameters.AddWithValue("read", rowsRead);
                command.Parameters.AddWithValue("missing", held.Missing);
                command.Parameters.AddWithValue("unknown", held.Unknown);
                command.Parameters.AddWithValue("ambiguous", held.Ambiguous);
                command.Parameters.AddWithValue("notObject", held.NotObject);
                command.Parameters.Add(new NpgsqlParameter("total", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)sourceTotal ?? DBNull.Value });
                command.Parameters.AddWithValue("seconds", runSeconds);
                command.Parameters.AddWithValue("now", now);
            },
            cancellationToken);

    /// <summary>Ends the run: completed, failed with a code, or (paused, cancelled) left as the admin set it.</summary>
    public Task FinishAsync(string? state, string? errorCode, string? error, double runSeconds, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteFencedAsync(
            "update return_jobs set state = coalesce(@state, state), error_code = @code, error = @error, run_seconds = @seconds, "
            + "finished_at = case when @state in ('completed', 'failed') then @now else finished_at end, updated_at = @now "
            + "where id = @job and worker = @worker and state = 'running'",
            command =>
            {
                command.Parameters.Add(new NpgsqlParameter("state", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)state ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("code", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)errorCode ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("error", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
                command.Parameters.AddWithValue("seconds", runSeconds);
                command.Parameters.AddWithValue("now", now);
            },
            cancellationToken,
            mustUpdate: false);

    private async Task ExecuteFencedAsync(string sql, Action<NpgsqlCommand> fill, CancellationToken cancellationToken, bool mustUpdate = true)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        Fill(command);
        fill(command);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0 && mustUpdate)
        {
            throw new ClaimLostException(jobId);
        }
    }

    private void Fill(NpgsqlCommand command)
    {
        command.Parameters.AddWithValue("job", jobId);
        command.Parameters.AddWithValue("worker", worker);
    }
}
