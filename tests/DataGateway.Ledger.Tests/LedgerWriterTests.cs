using System.Security.Cryptography;
using System.Text;

namespace DataGateway.Ledger.Tests;

public class LedgerWriterTests(LedgerDatabase database) : IClassFixture<LedgerDatabase>
{
    internal static LedgerRecord Record(int i) => new()
    {
        RequestId = Guid.NewGuid(),
        StartedAt = DateTimeOffset.UtcNow,
        EndedAt = DateTimeOffset.UtcNow.AddTicks(12_345),
        CallerOrg = i % 2 == 0 ? "op-bank" : "district-310104",
        CallerKind = i % 2 == 0 ? "operator" : "district",
        CallerDistrict = i % 2 == 0 ? null : "310104",
        Dataset = "housing",
        Action = "query",
        GrantId = i % 2 == 0 ? "g-1" : null,
        Allowed = true,
        Reason = i % 2 == 0 ? "granted" : "district_return",
        Fields = ["id", "address", "中文字段"],
        Districts = i % 2 == 0 ? null : ["310104"],
        Rows = i,
        BytesOut = 1000 + i,
        Status = 200,
        UpstreamMilliseconds = 0.25 * i,
        CatalogVersion = 7,
        Billable = i % 2 == 0,
        UnitPrice = i % 2 == 0 ? 0.10m : 0m,
        Amount = i % 2 == 0 ? 0.10m : 0m,
        Complete = true,
        // Every third record without a decision (refused before one), every other with an OPA bundle revision.
        DecisionId = i % 3 == 0 ? null : Guid.CreateVersion7(),
        PolicyRevision = i % 2 == 0 ? null : "rev-" + i,
        // Every fourth record under a consent; keys on every other one, an empty list on every sixth (no record returned).
        ConsentId = i % 4 == 1 ? "consent-" + i : null,
        ConsentSubject = i % 4 == 1 ? "31010119900101" + (1000 + i) : null,
        RecordKeys = i % 6 == 0 ? [] : i % 2 == 1 ? ["k-" + i, "键-" + i] : null,
    };

    [Fact]
    public async Task Append_ConcurrentCalls_StoresEachOnceInOneUnbrokenChain()
    {
        var store = new LedgerStore(database.DataSource);
        var chain = await store.OpenChainAsync("gw-concurrent", default);
        await using (var writer = new LedgerWriter(store, chain))
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
            {
                for (var i = 0; i < 250; i++)
                {
                    await writer.AppendAsync(Record(t * 1000 + i));
                }
            })));

            Assert.Equal(2000, writer.Committed);
        }

        var stored = await store.ReadChainAsync("gw-concurrent").ToListAsync();
        Assert.Equal(2000, stored.Count);
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (long)i), stored.Select(r => r.Seq));
        Assert.Equal(2000, stored.Select(r => r.RequestId).Distinct().Count());
        AssertChained(stored, LedgerChain.Genesis);
    }

    [Fact]
    public async Task Append_UnderLoad_GroupsCallsIntoFewerBatches()
    {
        var store = new LedgerStore(database.DataSource);
        await using var writer = new LedgerWriter(store, await store.OpenChainAsync("gw-groups", default));

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => writer.AppendAsync(Record(i))));

        Assert.Equal(500, writer.Committed);
        Assert.True(writer.Batches < 500, $"{writer.Batches} batches for 500 concurrent calls: no group commit");
    }

    [Fact]
    public async Task Append_ObservesEveryStageOfTheCommit()
    {
        string[] stages = ["batch_wait", "connect", "copy_start", "copy_end", "release", "resume"];
        var before = stages.Select(s => LedgerMetrics.CommitStage.WithLabels(s).Count).ToArray();
        var store = new LedgerStore(database.DataSource);
        await using (var writer = new LedgerWriter(store, await store.OpenChainAsync("gw-stages", default)))
        {
            await Task.WhenAll(Enumerable.Range(0, 3).Select(i => writer.AppendAsync(Record(i))));
        }

        // The release's stages are observed by the work item that resumed the calls, which may still be finishing; a
        // generous bound, so that a busy machine only makes the wait longer, never the test fail.
        for (var i = 0; i < 1500 && LedgerMetrics.CommitStage.WithLabels("resume").Count == before[^1]; i++)
        {
            await Task.Delay(20);
        }

        var after = stages.Select(s => LedgerMetrics.CommitStage.WithLabels(s).Count).ToArray();
        Assert.All(stages.Select((s, i) => (s, Grew: after[i] > before[i])), stage => Assert.True(stage.Grew, $"stage {stage.s} not observed"));
    }

    [Fact]
    public async Task Write_SameBatchTwice_StoresItOnce()
    {
        var store = new LedgerStore(database.DataSource);
        var chain = await store.OpenChainAsync("gw-retry", default);
        var batch = Enumerable.Range(0, 20).Select(i => chain.Seal(Record(i))).ToList();

        Assert.Equal(20, await store.WriteAsync(batch, default));
        Assert.Equal(0, await store.WriteAsync(batch, default));

        Assert.Equal(20, (await store.ReadChainAsync("gw-retry").ToListAsync()).Count);
    }

    [Fact]
    public async Task OpenChain_AfterRestart_ContinuesFromTheLastRecord()
    {
        var store = new LedgerStore(database.DataSource);
        await using (var first = new LedgerWriter(store, await store.OpenChainAsync("gw-restart", default)))
        {
            await Task.WhenAll(Enumerable.Range(0, 10).Select(i => first.AppendAsync(Record(i))));
        }

        var reopened = await store.OpenChainAsync("gw-restart", default);
        await using (var second = new LedgerWriter(store, reopened))
        {
            await second.AppendAsync(Record(99));
        }

        var stored = await store.ReadChainAsync("gw-restart").ToListAsync();
        Assert.Equal(11, stored.Count);
        Assert.Equal(11, stored[^1].Seq);
        AssertChained(stored, LedgerChain.Genesis);
    }

    [Fact]
    public async Task Hash_ChangedFieldInTheDatabase_NoLongerMatches()
    {
        var store = new LedgerStore(database.DataSource);
        await using (var writer = new LedgerWriter(store, await store.OpenChainAsync("gw-tamper", default)))
        {
            await Task.WhenAll(Enumerable.Range(0, 5).Select(i => writer.AppendAsync(Record(i))));
        }

        await using (var command = database.DataSource.CreateCommand("update ledger_records set amount = 0 where chain = 'gw-tamper' and seq = 3"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var stored = await store.ReadChainAsync("gw-tamper").ToListAsync();
        var recomputed = stored.Select(r => LedgerEncoding.Hash(r with { Hash = [] }, r.PrevHash)).ToList();
        var bad = stored.Where((r, i) => !recomputed[i].AsSpan().SequenceEqual(r.Hash)).Select(r => r.Seq).ToList();
        Assert.Equal([3L], bad);
    }

    /// <summary>
    /// A batch is copied as sealed, and a repeated one goes through the staging table that skips what is stored:
    /// empty lists, nulls and unusual characters come back exactly, so every hash still proves itself.
    /// </summary>
    [Theory]
    [InlineData(3, false)]
    [InlineData(2500, false)]
    [InlineData(3, true)]
    public async Task Write_BatchAndItsRepeat_StoresRecordsExactlyAsSealedAndOnce(int count, bool controlCharacterInAFieldName)
    {
        var store = new LedgerStore(database.DataSource);
        var chainId = $"gw-paths-{count}-{controlCharacterInAFieldName}";
        var chain = new LedgerChain(chainId, 0, LedgerChain.Genesis);
        var records = Enumerable.Range(0, count).Select(i => chain.Seal(Record(i) with
        {
            Fields = i % 3 == 0 ? [] : controlCharacterInAFieldName ? ["a\u001fb", "c"] : ["id", "名称"],
            Districts = (i % 3) switch { 0 => null, 1 => [], _ => ["310104", "310101"] },
            UpstreamMilliseconds = i % 2 == 0 ? null : 1.5,
        })).ToList();

        Assert.Equal(count, await store.WriteAsync(records, default));
        Assert.Equal(0, await store.WriteAsync(records, default));

        var stored = await store.ReadChainAsync(chainId).ToListAsync();
        Assert.Equal(records.Select(r => (r.RequestId, r.Seq)), stored.Select(r => (r.RequestId, r.Seq)));
        Assert.Equal(records.Select(r => r.Fields), stored.Select(r => r.Fields));
        Assert.Equal(records.Select(r => r.Districts), stored.Select(r => r.Districts));
        Assert.Equal(records.Select(r => (r.DecisionId, r.PolicyRevision)), stored.Select(r => (r.DecisionId, r.PolicyRevision)));
        Assert.Equal(records.Select(r => (r.ConsentId, r.ConsentSubject)), stored.Select(r => (r.ConsentId, r.ConsentSubject)));
        Assert.Equal(records.Select(r => r.RecordKeys), stored.Select(r => r.RecordKeys));
        AssertChained(stored, LedgerChain.Genesis);
    }

    /// <summary>
    /// The COPY rows are encoded by hand (<see cref="LedgerCopyFormat"/>): amounts at every scale and size a price can
    /// take, and times with ticks below a microsecond or before PostgreSQL's epoch, come back as sealed.
    /// </summary>
    [Fact]
    public async Task Write_AmountsAndTimesOfEveryShape_ComeBackAsSealed()
    {
        decimal[] amounts = [0m, 0.00m, 0.01m, 0.1m, 0.10m, 1m, 12.5m, 100m, 10_000m, 123_456.78m, 9_999_999_999.99m, -0.10m];
        DateTimeOffset[] times = [new(2026, 11, 30, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.FromHours(8)).AddTicks(9_999_999), new(1999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero)];
        var store = new LedgerStore(database.DataSource);
        var chain = new LedgerChain("gw-shapes", 0, LedgerChain.Genesis);
        var records = amounts.Select((amount, i) => chain.Seal(Record(i) with
        {
            UnitPrice = amount,
            Amount = amounts[^(i + 1)],
            StartedAt = times[i % times.Length].AddTicks(i),
            EndedAt = times[i % times.Length].AddTicks(37),
            Status = -i,
            Rows = long.MaxValue - i,
            UpstreamMilliseconds = i * 0.1,
        })).ToList();

        await store.WriteAsync(records, default);

        var stored = await store.ReadChainAsync("gw-shapes").ToListAsync();
        Assert.Equal(records.Select(r => (r.UnitPrice, r.Amount, r.Status, r.Rows, r.UpstreamMilliseconds)), stored.Select(r => (r.UnitPrice, r.Amount, r.Status, r.Rows, r.UpstreamMilliseconds)));
        Assert.Equal(records.Select(r => LedgerEncoding.ToMicroseconds(r.StartedAt)), stored.Select(r => LedgerEncoding.ToMicroseconds(r.StartedAt)));
        Assert.Equal(records.Select(r => LedgerEncoding.ToMicroseconds(r.EndedAt)), stored.Select(r => LedgerEncoding.ToMicroseconds(r.EndedAt)));
        AssertChained(stored, LedgerChain.Genesis);
    }

    /// <summary>
    /// A batch whose writing fails part way (here a record that cannot be encoded, after the first 64 KB were sent)
    /// stores nothing: the COPY is aborted, never ended with the rows sent so far.
    /// </summary>
    [Fact]
    public async Task Write_FailingPartWay_StoresNoneOfTheBatch()
    {
        var store = new LedgerStore(database.DataSource);
        var chain = new LedgerChain("gw-partway", 0, LedgerChain.Genesis);
        var records = Enumerable.Range(0, 2000).Select(i => chain.Seal(Record(i))).Select((r, i) => i == 1500 ? r with { Fields = new UnreadableList() } : r).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(records, default));

        Assert.Empty(await store.ReadChainAsync("gw-partway").ToListAsync());
        Assert.Equal(1999, await store.WriteAsync(records.Where((_, i) => i != 1500).ToList(), default));
    }

    private sealed class UnreadableList : IReadOnlyList<string>
    {
        public int Count => 1;

        public string this[int index] => throw new InvalidOperationException("unreadable");

        public IEnumerator<string> GetEnumerator() => throw new InvalidOperationException("unreadable");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// Recomputes the chain independently of the writer: SHA-256 of the previous hash followed by the canonical
    /// encoding, and each record linking to the one before it.
    /// </summary>
    private static void AssertChained(IReadOnlyList<LedgerRecord> records, byte[] genesis)
    {
        var previous = genesis;
        foreach (var record in records)
        {
            Assert.Equal(previous, record.PrevHash);
            var expected = SHA256.HashData([.. previous, .. LedgerEncoding.Encode(record)]);
            Assert.Equal(expected, record.Hash);
            previous = record.Hash;
        }
    }
}
