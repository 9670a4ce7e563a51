using System.Security.Cryptography;
using DataGateway.Ledger.Verification;
using DataGateway.Testing;
using Npgsql;
using static DataGateway.Ledger.Tests.JournalCalls;

namespace DataGateway.Ledger.Tests;

/// <summary>
/// Issue 5, point 2: while PostgreSQL cannot be reached, appends still complete, from the fsync'd local journal, and
/// the journal drains into PostgreSQL when it is back, each record once. The database is taken away by cutting the
/// TCP path to it (a <see cref="TcpRelay"/>), so the server other test classes share keeps running.
/// </summary>
public sealed class LedgerJournalTests(LedgerDatabase database) : IClassFixture<LedgerDatabase>, IDisposable
{
    private readonly string _journal = Directory.CreateTempSubdirectory("datagateway-journal-").FullName;

    [Fact]
    public async Task PostgresUnreachable_AppendsCompleteFromTheJournal_ThenDrainOnceWhenItIsBack()
    {
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = TcpRelay.Start(target.Host!, target.Port);
        var relayed = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = relay.Port, Timeout = 2 };
        await using var dataSource = NpgsqlDataSource.Create(relayed.ConnectionString);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new LedgerWriterOptions { DrainInterval = TimeSpan.FromMilliseconds(200), CommitTimeout = TimeSpan.FromSeconds(2) };
        var ids = new List<Guid>();

        await using (var writer = new LedgerWriter(new LedgerStore(dataSource), new LedgerChain("outage", 0, LedgerChain.Genesis),
                         new LedgerJournal(_journal), new CheckpointSigner(key, KeyIds.Thumbprint(key)), options))
        {
            await AppendAsync(writer, 0, 40, ids);
            Assert.Equal(0, writer.Journaled);

            relay.Break();
            await AppendAsync(writer, 40, 60, ids);
            Assert.Equal(60, writer.Journaled);
            Assert.Equal(60, writer.JournalBacklog);
            Assert.Equal(40, await CountAsync(database.DataSource, ids));

            relay.Restore();
            for (var i = 0; i < 100 && writer.JournalBacklog > 0; i++)
            {
                await Task.Delay(100);
            }

            Assert.Equal(0, writer.JournalBacklog);
            await AppendAsync(writer, 100, 10, ids);
        }

        Assert.Equal(110, await CountAsync(database.DataSource, ids));
        Assert.Empty(Directory.EnumerateFiles(_journal));
        var report = await new LedgerVerifier(database.DataSource, new Dictionary<string, ECDsa> { [KeyIds.Thumbprint(key)] = key }).VerifyAsync();
        var chain = report.Chains.Single(c => c.Chain == "outage");
        Assert.Null(chain.Problem);
        Assert.Equal(110, chain.LastSeq);
    }

    [Fact]
    public async Task JournalLeftByACrashedInstance_IsDrainedByTheNextWriter_WithoutDoubles()
    {
        var store = new LedgerStore(database.DataSource);
        var crashed = new LedgerChain("crashed", 0, LedgerChain.Genesis);
        var records = Enumerable.Range(0, 20).Select(i => crashed.Seal(LedgerWriterTests.Record(i))).ToList();
        // Half of them had reached PostgreSQL before the crash; all of them are in the journal.
        await store.WriteAsync(records[..10], default);
        using (var left = new LedgerJournal(_journal))
        {
            left.Append("crashed", records);
        }

        var journal = new LedgerJournal(_journal);
        Assert.Equal(20, journal.Backlog);
        await using (var next = new LedgerWriter(store, new LedgerChain("next", 0, LedgerChain.Genesis), journal, options: new LedgerWriterOptions { DrainInterval = TimeSpan.FromMilliseconds(50) }))
        {
            await next.AppendAsync(LedgerWriterTests.Record(99));
        }

        var stored = await store.ReadChainAsync("crashed").ToListAsync();
        Assert.Equal(records.Select(r => r.RequestId), stored.Select(r => r.RequestId));
        Assert.Empty(Directory.EnumerateFiles(_journal));
    }

    [Fact]
    public void TornLastLine_IsSkipped_TheRecordsBeforeItRead()
    {
        var chain = new LedgerChain("torn", 0, LedgerChain.Genesis);
        using (var journal = new LedgerJournal(_journal))
        {
            journal.Append("torn", [chain.Seal(LedgerWriterTests.Record(1)), chain.Seal(LedgerWriterTests.Record(2))]);
        }

        var path = Directory.EnumerateFiles(_journal).Single();
        File.AppendAllText(path, "{\"requestId\":\"0199");

        using var file = File.OpenRead(path);
        Assert.Equal([1L, 2L], LedgerJournal.Read(file).Select(r => r.Seq));
    }

    [Fact]
    public void FileMadeAhead_IsReadUpToItsZeros_ATornLineBeforeThemSkipped()
    {
        var chain = new LedgerChain("ahead", 0, LedgerChain.Genesis);
        using (var journal = new LedgerJournal(_journal))
        {
            journal.AppendAhead("ahead", [chain.Seal(LedgerWriterTests.Record(1)), chain.Seal(LedgerWriterTests.Record(2))], segmentBytes: 1 << 20);
        }

        // The file was made at its full size; the one made ahead after it (no record in it) is gone with the journal.
        var path = Directory.EnumerateFiles(_journal).Single();
        Assert.Equal(1 << 20, new FileInfo(path).Length);
        var written = File.ReadAllBytes(path).AsSpan().IndexOf((byte)0);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Position = written;
            file.Write("{\"requestId\":\"0199"u8);
        }

        using var read = File.OpenRead(path);
        Assert.Equal([1L, 2L], LedgerJournal.Read(read).Select(r => r.Seq));
    }

    public void Dispose() => Directory.Delete(_journal, recursive: true);
}
