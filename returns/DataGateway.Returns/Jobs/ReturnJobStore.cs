using Npgsql;

namespace DataGateway.Returns.Jobs;

/// <summary>
/// Return jobs as the control plane sees them: requested, listed, shown with their receipts, paused, resumed and
/// cancelled. The worker's side (claiming, checkpoints) is <see cref="Running.ReturnProgressStore"/>.
/// </summary>
public sealed class ReturnJobStore(NpgsqlDataSource dataSource)
{
    public async Task CreateAsync(ReturnJob job, IReadOnlyList<ReturnJobDistrict> districts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            "insert into return_jobs (id, dataset, mode, watermark_field, state, requested_by, created_at, page_size, updated_at) "
            + "values (@id, @dataset, @mode, @field, @state, @by, @at, @size, @at)", connection, transaction))
        {
            insert.Parameters.AddWithValue("id", job.Id);
            insert.Parameters.AddWithValue("dataset", job.Dataset);
            insert.Parameters.AddWithValue("mode", job.Mode);
            insert.Parameters.AddWithValue("field", (object?)job.WatermarkField ?? DBNull.Value);
            insert.Parameters.AddWithValue("state", job.State);
            insert.Parameters.AddWithValue("by", job.RequestedBy);
            insert.Parameters.AddWithValue("at", job.CreatedAt);
            insert.Parameters.AddWithValue("size", job.PageSize);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var district in districts)
        {
            var command = new NpgsqlBatchCommand(
                "insert into return_districts (job_id, district, organization_id, state, watermark_from) values ($1, $2, $3, 'pending', $4)");
            command.Parameters.Add(new NpgsqlParameter { Value = job.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = district.District });
            command.Parameters.Add(new NpgsqlParameter { Value = district.OrganizationId });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)district.WatermarkFrom ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        await using (batch)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Per district, the highest watermark it has received of this dataset by this field, over all jobs.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LastWatermarksAsync(string dataset, string field, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select distinct on (d.district) d.district, d.last_watermark from return_districts d join return_jobs j on j.id = d.job_id "
            + "where j.dataset = $1 and j.watermark_field = $2 and d.last_watermark is not null order by d.district, j.created_at desc");
        command.Parameters.Add(new NpgsqlParameter { Value = dataset });
        command.Parameters.Add(new NpgsqlParameter { Value = field });
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }

    /// <summary>A page of jobs, newest first, with the total; <paramref name="visibleDistrict"/> limits them to jobs pushing to it.</summary>
    public async Task<(IReadOnlyList<ReturnJob> Jobs, long Total)> ListAsync(
        string? dataset, string? state, string? visibleDistrict, IReadOnlySet<string>? ownedDatasets, int offset, int limit, CancellationToken cancellationToken)
    {
        const string where = "where ($1::text is null or dataset = $1) and ($2::text is null or state = $2) "
            + "and ($3::text is null or exists (select 1 from return_districts d where d.job_id = id and d.district = $3)) "
            + "and ($4::text[] is null or dataset = any($4))";
        await using var command = dataSource.CreateCommand(
            $"select {ReturnJobRows.JobColumns}, count(*) over () from return_jobs {where} order by created_at desc, id limit $5 offset $6");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)dataset ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)state ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)visibleDistrict ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = ownedDatasets is null ? DBNull.Value : ownedDatasets.ToArray(),
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        var jobs = new List<ReturnJob>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(ReturnJobRows.ReadJob(reader));
            total = reader.GetInt64(22);
        }

        if (jobs.Count == 0 && offset > 0)
        {
            total = await CountAsync(where, dataset, state, visibleDistrict, ownedDatasets, cancellationToken);
        }

        return (jobs, total);
    }

    public async Task<(ReturnJob Job, IReadOnlyList<ReturnReceipt> Receipts)?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        ReturnJob job;
        await using (var command = new NpgsqlCommand($"select {ReturnJobRows.JobColumns} from return_jobs where id = $1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            job = ReturnJobRows.ReadJob(reader);
        }

        var receipts = new List<ReturnReceipt>();
        await using (var command = new NpgsqlCommand(
            $"select {ReturnJobRows.ReceiptColumns} from return_districts where job_id = $1 order by district", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                receipts.Add(ReturnJobRows.ReadReceipt(reader));
            }
        }

        return (job, receipts);
    }

    /// <summary>
    /// Moves a job from one of <paramref name="from"/> to <paramref name="to"/>; null when it is in none of them (the
    /// caller answers 409 with the state it is in). Resuming also re-arms the districts that failed.
    /// </summary>
    public async Task<bool> TransitionAsync(Guid id, IReadOnlyList<string> from, string to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "update return_jobs set state = $2, updated_at = $4, error_code = case when $2 = 'queued' then null else error_code end, "
            + "error = case when $2 = 'queued' then null else error end, finished_at = case when $2 = 'cancelled' then $4 else finished_at end "
            + "where id = $1 and state = any($3)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        if (to == ReturnJobStates.Queued)
        {
            await using var rearm = new NpgsqlCommand(
                "update return_districts set state = 'pending', attempts = 0, next_attempt_at = null, updated_at = $2 "
                + "where job_id = $1 and state in ('failed', 'waiting')", connection, transaction);
            rearm.Parameters.Add(new NpgsqlParameter { Value = id });
            rearm.Parameters.Add(new NpgsqlParameter { Value = now });
            await rearm.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<long> CountAsync(
        string where, string? dataset, string? state, string? district, IReadOnlySet<string>? owned, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select count(*) from return_jobs {where}");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)dataset ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)state ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)district ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = owned is null ? DBNull.Value : owned.ToArray(),
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
        });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
