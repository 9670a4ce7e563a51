using System.Security.Cryptography;
using DataGateway.Ledger.Verification;
using DataGateway.Testing;
using Npgsql;
using static DataGateway.Ledger.Tests.JournalCalls;

namespace DataGateway.Ledger.Tests;

/// <summary>
/// Issue 19, point 3: acknowledging from the journal (<see cref="LedgerWriterOptions.AcknowledgeFromJournal"/>). A
/// call's wait ends once its record is fsync'd to the local journal; PostgreSQL takes it behind the call. Shown
/// without timing anything: PostgreSQL is held (a lock on the ledger's table, or the TCP path to it cut with a
/// <see cref="TcpRelay"/>) while calls complete, and every record is then in PostgreSQL once, the chain whole, the
/// checkpoint only over what PostgreSQL holds, the journal files gone.
/// </summary>
public sealed class LedgerJournalFirstTests(LedgerDatabase database) : IClassFixture<LedgerDatabase>, IDisposable
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _journal = Directory.CreateTempSubdirectory("datagateway-journal-first-").FullName;

    [Fact]
    public async Task CallsComplete_WhilePostgresCannotTakeTheirRecords_WhichFollowOnceItCan()
    {
        var store = new LedgerStore(database.DataSource);
        var ids = new List<Guid>();
        await using (var writer = new LedgerWriter(store, new LedgerChain("first-locked", 0, LedgerChain.Genesis), new LedgerJournal(_journal),
                         new CheckpointSigner(Key, KeyIds.Thumbprint(Key)), Options(commitTimeout: TimeSpan.FromMinutes(5))))
        {
            await using (var holder = await database.DataSource.OpenConnectionAsync())
            await using (var locked = await holder.BeginTransactionAsync())
            {
                // SHARE mode: reads go on, every insert (the ingestion's COPY) waits for the lock.
                await using (var command = new NpgsqlCommand("lock table ledger_records in share mode", holder, locked))
                {
                    await command.ExecuteNonQueryAsync();
                }

                await AppendAsync(writer, 0, 30, ids);
                Assert.Equal(0, await CountAsync(database.DataSource, ids));
                Assert.Equal(0, writer.Stored.Seq);
                Assert.Equal(30, writer.JournalBacklog);
                Assert.NotEmpty(JournalFiles());
            }

            await WaitAsync(() => writer.Stored.Seq == 30);
            Assert.Equal(30, await CountAsync(database.DataSource, ids));
            Assert.Equal(0, writer.JournalBacklog);
            Assert.Equal(0, writer.Journaled);
        }

        Assert.Empty(JournalFiles());
        var chain = await VerifiedAsync("first-locked");
        Assert.Equal(30, chain.LastSeq);
        Assert.Equal(30, await CheckpointedSeqAsync("first-locked"));
    }

    [Fact]
    public async Task PostgresUnreachable_RecordsWaitInTheJournal_ThenAreDrainedOnce()
    {
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = TcpRelay.Start(target.Host!, target.Port);
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = relay.Port, Timeout = 2 }.ConnectionString);
        var ids = new List<Guid>();
        await using (var writer = new LedgerWriter(new LedgerStore(dataSource), new LedgerChain("first-outage", 0, LedgerChain.Genesis),
                         new LedgerJournal(_journal), new CheckpointSigner(Key, KeyIds.Thumbprint(Key)), Options(commitTimeout: TimeSpan.FromSeconds(2))))
        {
            await AppendAsync(writer, 0, 40, ids);
            await WaitAsync(() => writer.Stored.Seq == 40);

            relay.Break();
            await AppendAsync(writer, 40, 60, ids);
            Assert.Equal(40, await CountAsync(database.DataSource, ids));

            relay.Restore();
            await WaitAsync(() => writer.Stored.Seq == 100 && writer.JournalBacklog == 0);
            Assert.Equal(100, await CountAsync(database.DataSource, ids));
            await AppendAsync(writer, 100, 10, ids);
        }

        Assert.Equal(110, await CountAsync(database.DataSource, ids));
        Assert.Empty(JournalFiles());
        Assert.Equal(110, (await VerifiedAsync("first-outage")).LastSeq);
        Assert.Equal(110, await CheckpointedSeqAsync("first-outage"));
    }

    [Fact]
    public async Task StoppedWhilePostgresIsAway_TheJournalIsLeft_AndTheNextWriterDrainsIt()
    {
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = TcpRelay.Start(target.Host!, target.Port);
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = relay.Port, Timeout = 1 }.ConnectionString);
        var ids = new List<Guid>();
        relay.Break();
        await using (var writer = new LedgerWriter(new LedgerStore(dataSource), new LedgerChain("first-stopped", 0, LedgerChain.Genesis),
                         new LedgerJournal(_journal), options: Options(commitTimeout: TimeSpan.FromSeconds(1))))
        {
            await AppendAsync(writer, 0, 20, ids);
        }

        Assert.NotEmpty(JournalFiles());
        Assert.Equal(0, await CountAsync(database.DataSource, ids));

        var store = new LedgerStore(database.DataSource);
        var journal = new LedgerJournal(_journal);
        Assert.Equal(20, journal.Backlog);
        await using (var next = new LedgerWriter(store, new LedgerChain("first-next", 0, LedgerChain.Genesis), journal, options: Options(commitTimeout: TimeSpan.FromSeconds(5))))
        {
            await AppendAsync(next, 20, 1, ids);
        }

        Assert.Equal(ids.Take(20), (await store.ReadChainAsync("first-stopped").ToListAsync()).Select(r => r.RequestId));
        Assert.Equal(21, await CountAsync(database.DataSource, ids));
        Assert.Empty(JournalFiles());
        await VerifiedAsync("first-stopped");
    }

    [Fact]
    public async Task JournalFiles_AreDeletedOnceTheirRecordsAreStored()
    {
        var store = new LedgerStore(database.DataSource);
        var ids = new List<Guid>();
        // One byte a file: every batch ends its file, so each is deleted on its own once stored.
        var options = new LedgerWriterOptions { AcknowledgeFromJournal = true, JournalSegmentBytes = 1 };
        await using (var writer = new LedgerWriter(store, new LedgerChain("first-segments", 0, LedgerChain.Genesis), new LedgerJournal(_journal), options: options))
        {
            for (var i = 0; i < 5; i++)
            {
                await AppendAsync(writer, i * 3, 3, ids);
            }

            await WaitAsync(() => writer.Stored.Seq == 15);
            await AppendAsync(writer, 15, 1, ids);
            // The loop deletes the stored files right after it releases the calls (so a moment after they return).
            await WaitAsync(() => JournalFiles().Length <= 1);
        }

        Assert.Empty(JournalFiles());
        Assert.Equal(16, await CountAsync(database.DataSource, ids));
        Assert.Equal(16, (await VerifiedAsync("first-segments")).LastSeq);
    }

    [Fact]
    public async Task PostgresFallingTooFarBehind_TheRestIsDrainedFromTheJournal()
    {
        var store = new LedgerStore(database.DataSource);
        var ids = new List<Guid>();
        var options = new LedgerWriterOptions
        {
            AcknowledgeFromJournal = true, MaxIngestBacklog = 10, CommitTimeout = TimeSpan.FromMinutes(5), DrainInterval = TimeSpan.FromMilliseconds(100),
        };
        await using (var writer = new LedgerWriter(store, new LedgerChain("first-behind", 0, LedgerChain.Genesis), new LedgerJournal(_journal), options: options))
        {
            await using (var holder = await database.DataSource.OpenConnectionAsync())
            await using (var locked = await holder.BeginTransactionAsync())
            {
                await using (var command = new NpgsqlCommand("lock table ledger_records in share mode", holder, locked))
                {
                    await command.ExecuteNonQueryAsync();
                }

                await AppendAsync(writer, 0, 5, ids);
                // The copy behind the calls now waits on the lock; what follows piles up behind it, past the bound.
                await WaitAsync(() => CopiesWaitingForALockAsync().GetAwaiter().GetResult() == 1);
                for (var i = 1; i < 6; i++)
                {
                    await AppendAsync(writer, i * 5, 5, ids);
                }

                Assert.True(writer.Journaled > 0, "Records past the bound go to the journal as an outage's do.");
                Assert.Equal(0, await CountAsync(database.DataSource, ids));
            }

            await WaitAsync(() => writer.Stored.Seq == 30 && writer.JournalBacklog == 0);
        }

        Assert.Equal(30, await CountAsync(database.DataSource, ids));
        Assert.Equal(30, (await VerifiedAsync("first-behind")).LastSeq);
        Assert.Empty(JournalFiles());
    }

    [Fact]
    public async Task JournalDiskRefusesABatch_PostgresCommitsItBeforeItsCallsComplete()
    {
        var store = new LedgerStore(database.DataSource);
        var ids = new List<Guid>();
        var options = new LedgerWriterOptions { AcknowledgeFromJournal = true, JournalSegmentBytes = 1 };
        await using (var writer = new LedgerWriter(store, new LedgerChain("first-refused", 0, LedgerChain.Genesis), new LedgerJournal(_journal), options: options))
        {
            await AppendAsync(writer, 0, 3, ids);

            // A file where the journal's directory was: the next journal file cannot be made (as on a full or failed disk).
            Directory.Delete(_journal, recursive: true);
            await File.WriteAllTextAsync(_journal, "");
            await AppendAsync(writer, 3, 3, ids);
            Assert.Equal(3, await CountAsync(database.DataSource, ids.GetRange(3, 3)));

            File.Delete(_journal);
            Directory.CreateDirectory(_journal);
            await AppendAsync(writer, 6, 2, ids);
            await WaitAsync(() => writer.Stored.Seq == 8);
        }

        Assert.Equal(8, await CountAsync(database.DataSource, ids));
        Assert.Equal(8, (await VerifiedAsync("first-refused")).LastSeq);
        Assert.Empty(JournalFiles());
    }

    [Fact]
    public void AcknowledgingFromTheJournal_WithoutOne_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new LedgerWriter(new LedgerStore(database.DataSource), new LedgerChain("first-none", 0, LedgerChain.Genesis), options: Options(TimeSpan.FromSeconds(1))));
        Assert.Equal("journal", error.ParamName);
    }

    private static LedgerWriterOptions Options(TimeSpan commitTimeout) => new()
    {
        AcknowledgeFromJournal = true,
        CommitTimeout = commitTimeout,
        DrainInterval = TimeSpan.FromMilliseconds(100),
    };

    private string[] JournalFiles() => Directory.GetFiles(_journal, "*.journal");

    /// <summary>Waits for what happens behind the calls, as long as a busy machine needs (it never times anything).</summary>
    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    private async Task<ChainReport> VerifiedAsync(string chainId)
    {
        var report = await new LedgerVerifier(database.DataSource, new Dictionary<string, ECDsa> { [KeyIds.Thumbprint(Key)] = Key }).VerifyAsync();
        var chain = report.Chains.Single(c => c.Chain == chainId);
        Assert.Null(chain.Problem);
        return chain;
    }

    private async Task<long> CheckpointedSeqAsync(string chainId)
    {
        await using var command = database.DataSource.CreateCommand("select max(seq) from ledger_checkpoints where chain = @chain");
        command.Parameters.AddWithValue("chain", chainId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CopiesWaitingForALockAsync()
    {
        await using var command = database.DataSource.CreateCommand(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'copy ledger_records%' and datname = current_database()");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => Directory.Delete(_journal, recursive: true);
}
