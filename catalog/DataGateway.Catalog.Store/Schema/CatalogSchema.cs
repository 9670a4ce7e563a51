using System.Reflection;
using Npgsql;

namespace DataGateway.Catalog.Store.Schema;

/// <summary>
/// Creates and migrates the catalog schema on start. Idempotent and safe when several processes (gateway
/// replicas, the catalog) start at once: migrations run under a transaction-scoped advisory lock, and each
/// embedded <c>NNN_name.sql</c> file runs exactly once, recorded in <c>schema_migrations</c>.
/// </summary>
public static class CatalogSchema
{
    // An arbitrary, fixed key: every DataGateway process takes this lock to migrate, so migrations never interleave.
    private const long MigrationLockKey = 0x44617461_47617465;

    // Held (as a session lock, so across several transactions) while the catalog applies this schema and then
    // Marten's: Marten's own schema apply does not keep two processes starting at once from creating the same index.
    private const long StartupLockKey = 0x44617461_4D617274;

    /// <summary>
    /// Applies the hand-written migrations, then <paramref name="then"/> (the catalog passes Marten's schema apply),
    /// all under one lock across processes: of replicas starting together on an empty database, one does the work
    /// and the others wait and find it done.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, Func<CancellationToken, Task> then, CancellationToken cancellationToken = default)
    {
        await using var gate = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("select pg_advisory_lock(@key)", gate))
        {
            command.Parameters.AddWithValue("key", StartupLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await MigrateAsync(dataSource, cancellationToken);
            await then(cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(@key)", gate);
            unlock.Parameters.AddWithValue("key", StartupLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var command = new NpgsqlCommand(
            "select pg_advisory_xact_lock(@key); " +
            "create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())",
            connection, transaction))
        {
            command.Parameters.AddWithValue("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("select name from schema_migrations", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        foreach (var (name, sql) in Migrations())
        {
            if (applied.Contains(name))
            {
                continue;
            }

            await using var apply = new NpgsqlCommand(sql, connection, transaction);
            await apply.ExecuteNonQueryAsync(cancellationToken);
            await using var record = new NpgsqlCommand("insert into schema_migrations (name) values (@name)", connection, transaction);
            record.Parameters.AddWithValue("name", name);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The embedded migration scripts, ordered by their numeric prefix.</summary>
    private static IEnumerable<(string Name, string Sql)> Migrations()
    {
        var assembly = typeof(CatalogSchema).Assembly;
        const string prefix = "DataGateway.Catalog.Store.Schema.";
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource[prefix.Length..^4], reader.ReadToEnd());
        }
    }
}
