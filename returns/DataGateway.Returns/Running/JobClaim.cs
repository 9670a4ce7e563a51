using DataGateway.Returns.Jobs;
using Npgsql;

namespace DataGateway.Returns.Running;

/// <summary>
/// A worker's hold on one job: a session advisory lock on the job's id, on a connection kept open for as long as the
/// job runs. PostgreSQL releases it the moment that connection ends, so a worker killed with <c>kill -9</c> frees its
/// job at once (no lease to wait out), and two live workers can never hold the same job.
/// </summary>
internal sealed class JobClaim : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private JobClaim(NpgsqlConnection connection, ReturnJob job)
    {
        _connection = connection;
        Job = job;
    }

    public ReturnJob Job { get; }

    /// <summary>Claims the oldest queued or running job no live worker holds; null when there is none.</summary>
    public static async Task<JobClaim?> TryClaimAsync(NpgsqlDataSource dataSource, string worker, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var candidates = new List<Guid>();
            await using (var command = new NpgsqlCommand(
                "select id from return_jobs where state in ('queued', 'running') order by created_at, id limit 50", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    candidates.Add(reader.GetGuid(0));
                }
            }

            foreach (var id in candidates)
            {
                if (!await TryLockAsync(connection, id, cancellationToken))
                {
                    continue;
                }

                await using var claim = new NpgsqlCommand(
                    "update return_jobs set state = 'running', worker = $2, started_at = coalesce(started_at, $3), updated_at = $3 "
                    + $"where id = $1 and state in ('queued', 'running') returning {ReturnJobRows.JobColumns}", connection);
                claim.Parameters.Add(new NpgsqlParameter { Value = id });
                claim.Parameters.Add(new NpgsqlParameter { Value = worker });
                claim.Parameters.Add(new NpgsqlParameter { Value = now });
                await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    return new JobClaim(connection, ReturnJobRows.ReadJob(reader));
                }

                await reader.DisposeAsync();
                await UnlockAsync(connection, id, cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Ends the hold. Unlocked explicitly: a pooled connection outlives its close, and with it a session lock.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock_all()", _connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with it.
        }

        await _connection.DisposeAsync();
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended('datagateway.return-job:' || $1::text, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task UnlockAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended('datagateway.return-job:' || $1::text, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
