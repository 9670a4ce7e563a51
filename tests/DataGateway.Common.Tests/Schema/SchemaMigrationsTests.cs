using DataGateway.Schema;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Common.Tests.Schema;

/// <summary>
/// Issue 13, point 1 (schema ownership): one runner applies each owner's embedded scripts, keyed by owner and name, once
/// each, under one lock across processes. Each test makes a database of its own.
/// </summary>
public sealed class SchemaMigrationsTests
{
    private static readonly SchemaOwner First = new("first", typeof(SchemaMigrationsTests).Assembly, "DataGateway.Common.Tests.Schema.Owners.first.");
    private static readonly SchemaOwner Second = new("second", typeof(SchemaMigrationsTests).Assembly, "DataGateway.Common.Tests.Schema.Owners.second.");

    [Fact]
    public void Scripts_AnOwnersEmbeddedFiles_InTheOrderOfTheirNames()
    {
        Assert.Equal(["001_table", "002_rows"], First.Scripts().Select(s => s.Name));
        Assert.Equal(["001_table"], Second.Scripts().Select(s => s.Name));
    }

    [Fact]
    public async Task Apply_TwoOwnersWithAScriptOfTheSameName_RunsEachOwnersOnce()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await SchemaMigrations.ApplyAsync(dataSource, [First, Second]);
        await SchemaMigrations.ApplyAsync(dataSource, [First, Second]);

        Assert.Equal(["first/001_table", "first/002_rows", "second/001_table"], await AppliedAsync(dataSource));
        Assert.Equal(1L, await ScalarAsync(dataSource, "select count(*) from first_owner_table"));
        Assert.Equal(1L, await ScalarAsync(dataSource, "select count(*) from second_owner_table"));
    }

    [Fact]
    public async Task Apply_OneOwnerThenAnother_AddsOnlyTheNewOwnersScripts()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await SchemaMigrations.ApplyAsync(dataSource, [First]);
        await SchemaMigrations.ApplyAsync(dataSource, [Second, First]);

        Assert.Equal(["first/001_table", "first/002_rows", "second/001_table"], await AppliedAsync(dataSource));
    }

    /// <summary>Processes starting together (separate pools, as replicas have): without the lock two would create the same table.</summary>
    [Fact]
    public async Task Apply_ManyProcessesAtOnceOnAnEmptyDatabase_AllSucceedAndEachScriptRunsOnce()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        var sources = Enumerable.Range(0, 6).Select(i => NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = $"replica-{i}" }.ConnectionString)).ToList();
        var thenRuns = 0;
        try
        {
            await Task.WhenAll(sources.Select(s => Task.Run(() => SchemaMigrations.ApplyAsync(s, [First, Second], _ =>
            {
                // What runs after the scripts (Marten's apply for the catalog) is under the same lock: never two at once.
                Assert.Equal(1, Interlocked.Increment(ref thenRuns));
                Interlocked.Decrement(ref thenRuns);
                return Task.CompletedTask;
            }))));

            Assert.Equal(["first/001_table", "first/002_rows", "second/001_table"], await AppliedAsync(sources[0]));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Apply_AScriptFails_LeavesNothingOfTheRunAndThrows()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await ExecuteAsync(dataSource, "create table second_owner_table (id integer)");

        await Assert.ThrowsAsync<PostgresException>(() => SchemaMigrations.ApplyAsync(dataSource, [First, Second]));

        // One transaction: the first owner's scripts, run before the failure, are not kept either.
        Assert.Equal(0L, await ScalarAsync(dataSource, "select count(*) from pg_tables where tablename = 'first_owner_table'"));
    }

    private static async Task<List<string>> AppliedAsync(NpgsqlDataSource dataSource)
    {
        var applied = new List<string>();
        await using var command = dataSource.CreateCommand("select owner || '/' || name from schema_migrations order by owner, name");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A database of the test's own, dropped after it.</summary>
    private sealed class EmptyDatabase : PostgresDatabase, IAsyncDisposable
    {
        public static async Task<EmptyDatabase> CreateAsync()
        {
            var database = new EmptyDatabase();
            await database.InitializeAsync();
            return database;
        }

        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
    }
}
