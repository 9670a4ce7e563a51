using DataGateway.Ledger.Schema;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Ledger.Tests;

/// <summary>
/// Issue 13, point 4: the writer's database failures go by the one shared rule (<c>DatabaseFaults</c>). With a journal,
/// any failure — away or refusing — journals the batch, which drains once PostgreSQL takes it. Without one (benchmarks,
/// tools) an outage is waited out through the shared retry, across a real server stop and start, and a refusal fails
/// the batch's calls: before, the writer retried a refusal forever and its calls never returned.
/// </summary>
public sealed class LedgerWriterOutageTests(LedgerDatabase database) : IClassFixture<LedgerDatabase>, IDisposable
{
    /// <summary>Only a watchdog, so a regression fails instead of hanging the run; no test depends on it.</summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(2);

    private readonly string _journal = Directory.CreateTempSubdirectory("datagateway-journal-").FullName;

    [Fact]
    public async Task Append_DatabaseRefusesTheBatch_JournalsItAndDrainsOnceTheDatabaseTakesItAgain()
    {
        var store = new LedgerStore(database.DataSource);
        var options = new LedgerWriterOptions { DrainInterval = TimeSpan.FromMilliseconds(100) };
        await using var writer = new LedgerWriter(store, new LedgerChain("refused", 0, LedgerChain.Genesis), new LedgerJournal(_journal), options: options);
        await writer.AppendAsync(LedgerWriterTests.Record(1)).WaitAsync(Watchdog);

        await SqlAsync("alter table ledger_records rename to ledger_records_away");
        try
        {
            // Durable all the same (the journal), and the chain keeps no gap.
            Assert.Equal(2, await writer.AppendAsync(LedgerWriterTests.Record(2)).WaitAsync(Watchdog));
            Assert.Equal(1, writer.JournalBacklog);
        }
        finally
        {
            await SqlAsync("alter table ledger_records_away rename to ledger_records");
        }

        await writer.AppendAsync(LedgerWriterTests.Record(3)).WaitAsync(Watchdog);
        for (var i = 0; i < 2400 && writer.JournalBacklog > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, writer.JournalBacklog);

        Assert.Equal(3, await CountAsync("refused"));
    }

    [Fact]
    public async Task Append_NoJournalAndTheDatabaseRefuses_FailsInsteadOfRetryingForever()
    {
        var store = new LedgerStore(database.DataSource);
        await using var writer = new LedgerWriter(store, new LedgerChain("refused-no-journal", 0, LedgerChain.Genesis));
        await SqlAsync("alter table ledger_records rename to ledger_records_gone");
        try
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => writer.AppendAsync(LedgerWriterTests.Record(1)).WaitAsync(Watchdog));
            Assert.Equal(PostgresErrorCodes.UndefinedTable, Assert.IsType<PostgresException>(refused).SqlState);
        }
        finally
        {
            await SqlAsync("alter table ledger_records_gone rename to ledger_records");
        }

        await writer.AppendAsync(LedgerWriterTests.Record(2)).WaitAsync(Watchdog);
        Assert.Equal(1, await CountAsync("refused-no-journal"));
    }

    [Fact]
    public async Task Append_NoJournalDatabaseStoppedAndStarted_WaitsAndStoresTheBatchOnce()
    {
        await using var server = PrivatePostgresServer.Create();
        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        await LedgerSchema.ApplyAsync(dataSource);
        var store = new LedgerStore(dataSource);
        var record = LedgerWriterTests.Record(1);
        await using (var writer = new LedgerWriter(store, new LedgerChain("restart", 0, LedgerChain.Genesis)))
        {
            await writer.AppendAsync(LedgerWriterTests.Record(0)).WaitAsync(Watchdog);
            server.Stop();
            var append = writer.AppendAsync(record);
            Assert.False(append.IsCompleted, "Stored while the server was stopped?");

            server.Start();
            Assert.Equal(2, await append.WaitAsync(Watchdog));
        }

        await using var count = dataSource.CreateCommand("select count(*) from ledger_records where chain = 'restart' and request_id = @id");
        count.Parameters.AddWithValue("id", record.RequestId);
        Assert.Equal(1L, await RetryOnceAsync(async () => (long)(await count.ExecuteScalarAsync())!));
    }

    public void Dispose() => Directory.Delete(_journal, recursive: true);

    /// <summary>A pooled connection from before the restart answers 57P01 once; the pool then opens a new one.</summary>
    private static async Task<T> RetryOnceAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (Resilience.DatabaseFaults.IsTransient(ex))
        {
            return await read();
        }
    }

    private async Task<long> CountAsync(string chain)
    {
        await using var command = database.DataSource.CreateCommand("select count(*) from ledger_records where chain = @chain");
        command.Parameters.AddWithValue("chain", chain);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task SqlAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
