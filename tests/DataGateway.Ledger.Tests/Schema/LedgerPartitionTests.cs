using System.Security.Cryptography;
using DataGateway.Ledger.Schema;
using DataGateway.Ledger.Verification;
using DataGateway.Schema;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Ledger.Tests.Schema;

/// <summary>
/// Issue 16, point 5: ledger_records partitioned by month. Migration 005 keeps the rows already there (and their
/// chains verifiable); partitions are made ahead by the writer, idempotently from several callers at once; a record
/// with a started_at no partition covers lands in the default partition instead of failing, and moves out of it into
/// its month once that month is made. Each test works in its own months or chain, on one database for the class.
/// </summary>
public sealed class LedgerPartitionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly ECDsa PlatformKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly CheckpointSigner Signer = new(PlatformKey, KeyIds.Thumbprint(PlatformKey));
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Migration005_WithRowsAlreadyStored_KeepsEveryRowInItsMonthAndTheChainVerifies()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await ApplyBeforePartitioningAsync(dataSource);
        var store = new LedgerStore(dataSource);
        var chain = new LedgerChain("migrated", 0, LedgerChain.Genesis);
        // Records over three months, as an unpartitioned ledger would hold them, one with an amendment.
        var months = new[] { new DateTimeOffset(2026, 9, 30, 23, 59, 59, TimeSpan.Zero), new(2026, 10, 15, 8, 0, 0, TimeSpan.Zero), new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) };
        var records = Enumerable.Range(0, 9).Select(i => chain.Seal(LedgerWriterTests.Record(i) with { StartedAt = months[i / 3], EndedAt = months[i / 3].AddSeconds(1) })).ToList();
        await store.WriteAsync(records, default);
        await store.AmendUndeliveredAsync([records[4].RequestId], "gw-migrated", Signer, default);
        await store.WriteCheckpointAsync(Signer.Sign(chain.Id, chain.LastSeq, chain.LastHash, DateTimeOffset.UtcNow), default);

        await LedgerSchema.ApplyAsync(dataSource);

        Assert.True(await ScalarAsync<bool>(dataSource, "select relkind = 'p' from pg_class where oid = 'ledger_records'::regclass"));
        var placed = await RowsAsync(dataSource, "select tableoid::regclass::text, count(*) from ledger_records where chain = 'migrated' group by 1 order by 1");
        Assert.Equal([("ledger_records_2026_09", 3L), ("ledger_records_2026_10", 3L), ("ledger_records_2026_11", 3L)], placed);
        Assert.Equal(1L, await ScalarAsync<long>(dataSource, $"select count(*) from ledger_amendments a join ledger_records r using (request_id) where r.request_id = '{records[4].RequestId}'"));
        var report = await VerifyAsync(dataSource, "migrated");
        Assert.Null(report.Problem);
        Assert.Equal(9, report.LastCheckpointSeq);
        // Idempotent inserts still: the same batch again stores nothing new.
        Assert.Equal(0, await store.WriteAsync(records, default));
    }

    [Fact]
    public async Task EnsurePartitions_FromSeveralCallersAtOnce_MakesEachMonthOnce()
    {
        await using var dataSource = await SchemaAsync();
        var store = new LedgerStore(dataSource);
        var now = DateTimeOffset.UtcNow;
        for (var i = 4; i <= 8; i++)
        {
            await SqlAsync(dataSource, $"drop table if exists ledger_records_{now.AddMonths(i):yyyy_MM}");
        }

        var made = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.EnsurePartitionsAsync(8, default)));

        // The migration made this month and the next three; five more now, by exactly one of the callers each.
        Assert.Equal(5, made.Sum());
        for (var i = 0; i <= 8; i++)
        {
            var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(i);
            Assert.True(await ScalarAsync<bool>(dataSource, $"select to_regclass('ledger_records_{month:yyyy_MM}') is not null"), $"{month:yyyy-MM}");
        }

        Assert.Equal(0, await store.EnsurePartitionsAsync(8, default));
    }

    [Fact]
    public async Task Writer_AtStart_MakesThePartitionsAheadItIsAskedFor()
    {
        await using var dataSource = await SchemaAsync();
        var store = new LedgerStore(dataSource);
        var ahead = DateTimeOffset.UtcNow.AddMonths(12);
        var name = $"ledger_records_{ahead:yyyy_MM}";
        await SqlAsync(dataSource, $"drop table if exists {name}");

        await using (var writer = new LedgerWriter(store, await store.OpenChainAsync("gw-partitions", default), options: new LedgerWriterOptions { PartitionMonthsAhead = 12 }))
        {
            await writer.AppendAsync(LedgerWriterTests.Record(1)).WaitAsync(Watchdog);
            var deadline = DateTime.UtcNow + Watchdog;
            while (!await ScalarAsync<bool>(dataSource, $"select to_regclass('{name}') is not null") && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }

        Assert.True(await ScalarAsync<bool>(dataSource, $"select to_regclass('{name}') is not null"));
    }

    [Fact]
    public async Task Insert_OutsideEveryMonthPartition_LandsInTheDefaultAndMovesToItsMonthWhenMade()
    {
        await using var dataSource = await SchemaAsync();
        var store = new LedgerStore(dataSource);
        var chain = new LedgerChain("far-future", 0, LedgerChain.Genesis);
        var when = new DateTimeOffset(2041, 5, 17, 12, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, 3).Select(i => chain.Seal(LedgerWriterTests.Record(i) with { StartedAt = when, EndedAt = when })).ToList();

        Assert.Equal(3, await store.WriteAsync(records, default));
        Assert.Equal(0, await store.WriteAsync(records, default)); // idempotent in the default partition too

        Assert.Equal([("ledger_records_default", 3L)], await PlacedAsync(dataSource, "far-future"));
        Assert.True(await ScalarAsync<bool>(dataSource, "select ledger_ensure_partition('2041-05-01T00:00:00Z')"));
        Assert.Equal([("ledger_records_2041_05", 3L)], await PlacedAsync(dataSource, "far-future"));
        Assert.Null((await VerifyAsync(dataSource, "far-future")).Problem);
    }

    /// <summary>The ledger's scripts before 005, applied and recorded as the runner would have, on an empty database.</summary>
    private static async Task ApplyBeforePartitioningAsync(NpgsqlDataSource dataSource)
    {
        await SqlAsync(dataSource, "drop schema public cascade; create schema public");
        await SchemaMigrations.ApplyAsync(dataSource, []); // creates schema_migrations
        foreach (var (name, sql) in LedgerSchema.Owner.Scripts().Where(s => string.CompareOrdinal(s.Name, "005") < 0))
        {
            await SqlAsync(dataSource, sql);
            await using var record = dataSource.CreateCommand("insert into schema_migrations (owner, name) values ('ledger', @name)");
            record.Parameters.AddWithValue("name", name);
            await record.ExecuteNonQueryAsync();
        }

        // Today's writer also writes the columns of migration 007 (issue 18); an older ledger gets them first, and 005
        // carries them into the partitioned table like every other column.
        await SqlAsync(dataSource, "alter table ledger_records add column consent_id text, add column consent_subject text, add column record_keys text[]");
    }

    private async Task<NpgsqlDataSource> SchemaAsync()
    {
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await LedgerSchema.ApplyAsync(dataSource);
        return dataSource;
    }

    private static Task<List<(string, long)>> PlacedAsync(NpgsqlDataSource dataSource, string chain) =>
        RowsAsync(dataSource, $"select tableoid::regclass::text, count(*) from ledger_records where chain = '{chain}' group by 1 order by 1");

    private static async Task<ChainReport> VerifyAsync(NpgsqlDataSource dataSource, string chain)
    {
        var report = await new LedgerVerifier(dataSource, new Dictionary<string, ECDsa> { [Signer.KeyId] = PlatformKey }).VerifyAsync();
        return report.Chains.Single(c => c.Chain == chain);
    }

    private static async Task<List<(string, long)>> RowsAsync(NpgsqlDataSource dataSource, string sql)
    {
        var rows = new List<(string, long)>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task SqlAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
