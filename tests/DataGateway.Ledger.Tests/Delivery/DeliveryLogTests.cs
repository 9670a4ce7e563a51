using DataGateway.Ledger.Delivery;
using Npgsql;

namespace DataGateway.Ledger.Tests;

/// <summary>
/// Issue 5, point 3: a record is committed before its response is completed, so a gateway killed in between leaves
/// records of calls nobody received whole. The delivery log lets the next gateway find exactly those and amend them
/// as undelivered — and leaves every delivered call alone.
/// </summary>
public sealed class DeliveryLogTests(LedgerDatabase database) : IClassFixture<LedgerDatabase>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("datagateway-delivery-").FullName;

    [Fact]
    public async Task CrashedChain_OnlyItsCommittedButUndeliveredCallsAreAmended()
    {
        var store = new LedgerStore(database.DataSource);
        var records = await CommitAsync(store, "crashed-a", 6, incomplete: 5);
        var log = new DeliveryLog(_directory, "crashed-a");
        log.Delivered(1);
        log.Delivered(2);
        log.Delivered(4);
        log.Settle(5);      // its record already says incomplete
        log.Dispose();      // killed: 3 and 6 were committed, never delivered

        var amended = await DeadChainDeliveries.SettleAsync(_directory, store, "next", null, default);

        Assert.Equal(2, amended);
        Assert.Equal([records[2].RequestId, records[5].RequestId], await AmendedAsync("crashed-a"));
        Assert.Empty(Directory.EnumerateFiles(_directory));
    }

    [Fact]
    public async Task LiveChain_IsNotTakenForADeadOne()
    {
        var store = new LedgerStore(database.DataSource);
        await CommitAsync(store, "live-b", 3);
        using var log = new DeliveryLog(_directory, "live-b");
        log.Delivered(1);

        Assert.False(DeadChainDeliveries.AnyIn(_directory));
        Assert.Equal(0, await DeadChainDeliveries.SettleAsync(_directory, store, "other", null, default));
        Assert.Empty(await AmendedAsync("live-b"));
        Assert.Single(Directory.EnumerateFiles(_directory));
    }

    [Fact]
    public async Task Rotation_KeepsTheWatermarkAndTheDeliveriesAboveIt()
    {
        var store = new LedgerStore(database.DataSource);
        var records = await CommitAsync(store, "rotating-c", 20);
        var log = new DeliveryLog(_directory, "rotating-c", rotateAt: 64);
        foreach (var seq in Enumerable.Range(1, 20).Where(s => s is not 7 and not 15))
        {
            log.Delivered(seq);
        }

        Assert.Equal(6, log.SettledThrough);
        log.WriteWatermark(); // past 64 bytes: rewritten as watermark 6 and the 12 deliveries above it
        Assert.Equal(8 * 13, new FileInfo(Path.Combine(_directory, "rotating-c" + DeliveryLog.Extension)).Length);
        log.Delivered(15);
        log.Dispose();

        await DeadChainDeliveries.SettleAsync(_directory, store, "next", null, default);

        Assert.Equal([records[6].RequestId], await AmendedAsync("rotating-c"));
    }

    [Fact]
    public async Task CleanClose_WithEveryCallSettled_LeavesNoFile_AndOneUnsettledCallKeepsIt()
    {
        var settled = new DeliveryLog(_directory, "clean-d");
        settled.Delivered(2);
        settled.Delivered(1);
        settled.Close(lastSeq: 2);
        Assert.Empty(Directory.EnumerateFiles(_directory));

        var unsettled = new DeliveryLog(_directory, "clean-e");
        unsettled.Delivered(1);
        unsettled.Close(lastSeq: 2);
        Assert.Single(Directory.EnumerateFiles(_directory));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Writer_AmendsACallReportedUndelivered_AndClosesItsLogWhenAllAreSettled()
    {
        var store = new LedgerStore(database.DataSource);
        var ids = new List<Guid>();
        await using (var writer = new LedgerWriter(store, new LedgerChain("writer-f", 0, LedgerChain.Genesis), new LedgerJournal(_directory),
                         options: new LedgerWriterOptions { TrackDelivery = true }))
        {
            for (var i = 0; i < 4; i++)
            {
                var record = LedgerWriterTests.Record(i);
                ids.Add(record.RequestId);
                var seq = await writer.AppendAsync(record);
                Assert.Equal(i + 1, seq);
                if (i == 2)
                {
                    writer.Undelivered(seq, record.RequestId);
                }
                else
                {
                    writer.Delivered(seq);
                }
            }
        }

        Assert.Equal([ids[2]], await AmendedAsync("writer-f"));
        Assert.Empty(Directory.EnumerateFiles(_directory));
    }

    /// <summary>Seals and stores <paramref name="count"/> records (seq 1…count); the one numbered <paramref name="incomplete"/> is marked incomplete.</summary>
    private static async Task<List<LedgerRecord>> CommitAsync(LedgerStore store, string chainId, int count, int incomplete = 0)
    {
        var chain = new LedgerChain(chainId, 0, LedgerChain.Genesis);
        var records = Enumerable.Range(1, count).Select(i => chain.Seal(LedgerWriterTests.Record(i) with { Complete = i != incomplete })).ToList();
        await store.WriteAsync(records, default);
        return records;
    }

    private async Task<List<Guid>> AmendedAsync(string chain)
    {
        await using var command = database.DataSource.CreateCommand(
            "select a.request_id from ledger_amendments a join ledger_records r using (request_id) where r.chain = @chain and a.kind = 'undelivered' order by r.seq");
        command.Parameters.AddWithValue("chain", chain);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
