using Npgsql;

namespace DataGateway.Schema;

/// <summary>
/// Applies the hand-written schemas of the owners a process uses, at its start. Idempotent, and safe when several
/// processes (catalog replicas, gateway replicas, the ledger CLI) start at once on an empty database: all of them take
/// one session-level advisory lock first, so one does the work and the others wait and find it done.
/// </summary>
/// <remarks>
/// The lock is held across the owners' scripts and <c>then</c> (the catalog passes Marten's own schema apply, which
/// alone let two replicas starting together collide on an index: ReplicaStartTests). The owners' scripts run in one
/// transaction: a start that fails leaves the schema as it found it. Each script is recorded by (owner, name), so owners
/// number their scripts independently.
/// </remarks>
public static class SchemaMigrations
{
    // An arbitrary, fixed key, the same in every DataGateway process: schema changes never interleave.
    private const long StartupLockKey = 0x44617461_4D617274;

    public static async Task ApplyAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<SchemaOwner> owners, Func<CancellationToken, Task>? then = null, CancellationToken cancellationToken = default)
    {
        await using var gate = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("select pg_advisory_lock(@key)", gate))
        {
            command.Parameters.AddWithValue("key", StartupLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await ApplyScriptsAsync(dataSource, owners, cancellationToken);
            if (then is not null)
            {
                await then(cancellationToken);
            }
        }
        finally
        {
            // Closing the connection would release the lock too; unlocking keeps the pooled connection clean.
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(@key)", gate);
            unlock.Parameters.AddWithValue("key", StartupLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task ApplyScriptsAsync(NpgsqlDataSource dataSource, IReadOnlyList<SchemaOwner> owners, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            """
            create table if not exists schema_migrations (
                owner      text not null,
                name       text not null,
                applied_at timestamptz not null default now(),
                primary key (owner, name)
            )
            """, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = new HashSet<(string, string)>();
        await using (var command = new NpgsqlCommand("select owner, name from schema_migrations", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var owner in owners)
        {
            foreach (var (name, sql) in owner.Scripts())
            {
                if (applied.Contains((owner.Name, name)))
                {
                    continue;
                }

                await using (var apply = new NpgsqlCommand(sql, connection, transaction))
                {
                    await apply.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var record = new NpgsqlCommand("insert into schema_migrations (owner, name) values (@owner, @name)", connection, transaction);
                record.Parameters.AddWithValue("owner", owner.Name);
                record.Parameters.AddWithValue("name", name);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
