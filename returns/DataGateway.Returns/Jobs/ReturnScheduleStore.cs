using Npgsql;
using NpgsqlTypes;

namespace DataGateway.Returns.Jobs;

/// <summary>Return schedules: kept by admins, and taken when due by one scheduler at a time (<c>for update skip locked</c>).</summary>
public sealed class ReturnScheduleStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "dataset, mode, watermark_field, districts, page_size, every_minutes, next_run_at, last_job_id, last_error_code, last_run_at, updated_by, updated_at";

    public async Task SaveAsync(ReturnSchedule schedule, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"insert into return_schedules ({Columns}) values ($1, $2, $3, $4, $5, $6, $7, null, null, null, $8, $9) "
            + "on conflict (dataset) do update set mode = $2, watermark_field = $3, districts = $4, page_size = $5, every_minutes = $6, "
            + "next_run_at = $7, last_error_code = null, updated_by = $8, updated_at = $9");
        command.Parameters.Add(new NpgsqlParameter { Value = schedule.Dataset });
        command.Parameters.Add(new NpgsqlParameter { Value = schedule.Mode });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)schedule.WatermarkField ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)schedule.Districts ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)schedule.PageSize ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = schedule.EveryMinutes });
        command.Parameters.Add(new NpgsqlParameter { Value = schedule.NextRunAt });
        command.Parameters.Add(new NpgsqlParameter { Value = schedule.UpdatedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = schedule.UpdatedAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ReturnSchedule?> FindAsync(string dataset, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from return_schedules where dataset = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = dataset });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<(IReadOnlyList<ReturnSchedule> Schedules, long Total)> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select {Columns}, count(*) over () from return_schedules order by dataset limit $1 offset $2");
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        var schedules = new List<ReturnSchedule>();
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                schedules.Add(Read(reader));
                total = reader.GetInt64(12);
            }
        }

        if (schedules.Count == 0 && offset > 0)
        {
            await using var count = dataSource.CreateCommand("select count(*) from return_schedules");
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        return (schedules, total);
    }

    public async Task<bool> DeleteAsync(string dataset, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from return_schedules where dataset = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = dataset });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Takes the schedules due at <paramref name="now"/>, locked for this transaction only, hands each to
    /// <paramref name="run"/> (which starts its job, or says why not) and moves it to its next run after now.
    /// </summary>
    public async Task<int> RunDueAsync(DateTimeOffset now, Func<ReturnSchedule, Task<(Guid? JobId, string? ErrorCode)>> run, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = new List<ReturnSchedule>();
        await using (var select = new NpgsqlCommand(
            $"select {Columns} from return_schedules where next_run_at <= $1 order by next_run_at limit 20 for update skip locked", connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = now });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(Read(reader));
            }
        }

        foreach (var schedule in due)
        {
            var (jobId, error) = await run(schedule);
            var next = schedule.NextRunAt;
            while (next <= now)
            {
                next = next.AddMinutes(schedule.EveryMinutes);
            }

            await using var update = new NpgsqlCommand(
                "update return_schedules set next_run_at = $2, last_job_id = coalesce($3, last_job_id), last_error_code = $4, last_run_at = $5 where dataset = $1",
                connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = schedule.Dataset });
            update.Parameters.Add(new NpgsqlParameter { Value = next });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)jobId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = now });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private static ReturnSchedule Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetFieldValue<string[]>(3),
        r.IsDBNull(4) ? null : r.GetInt32(4), r.GetInt32(5), r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetGuid(7),
        r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.GetString(10), r.GetFieldValue<DateTimeOffset>(11));
}
