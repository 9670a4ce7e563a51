using DataGateway.Ledger.Archive;
using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Tests.Archive;

/// <summary>
/// Issue 16, point 5: a month archived to a file with its chain heads, straddlers and signed checkpoints, verified
/// offline, then detached; the database's verifier continues each chain from the archived head. Each test builds its
/// own database (<see cref="ArchiveScenario"/>), months 2025-01 to 2025-03, straddlers at both boundaries.
/// </summary>
public sealed class LedgerArchiveTests
{
    [Fact]
    public async Task Lifecycle_ArchiveVerifyDetachTwoMonths_EveryStepProvesItself()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();

        var january = await scenario.ArchiveAsync(ArchiveScenario.January, "2025-01.jsonl.gz");

        Assert.Equal((10L, 2, 3), (january.Records, january.Chains, january.Checkpoints)); // gw-a 1–7 (6 a straddler), gw-b 1–3
        var header = new ArchiveVerifier(ArchiveScenario.Keys).Verify([scenario.PathOf("2025-01.jsonl.gz")]).Headers.Single();
        var gwA = header.Chains.Single(c => c.Chain == "gw-a");
        Assert.Equal((1L, 7L), (gwA.FromSeq, gwA.ToSeq));
        Assert.Equal([6L], gwA.Straddlers);
        AssertIntact(scenario.VerifyArchives("2025-01.jsonl.gz"));
        AssertIntact(await scenario.VerifyDatabaseAsync());

        var detached = await scenario.DetachAsync(ArchiveScenario.January, "2025-01.jsonl.gz");

        Assert.Equal(9, detached.RecordsCompared); // January's partition: gw-a 1–5 and 7, gw-b 1–3
        Assert.False(await scenario.ScalarAsync<bool>("select to_regclass('ledger_records_2025_01') is not null"));
        var afterJanuary = await scenario.VerifyDatabaseAsync();
        AssertIntact(afterJanuary);
        Assert.Equal(14, afterJanuary.Chains.Single(c => c.Chain == "gw-a").LastSeq);
        Assert.Equal(7, afterJanuary.Chains.Single(c => c.Chain == "gw-a").Records); // 8–14 walked; 6 checked as a straddler

        var february = await scenario.ArchiveAsync(ArchiveScenario.February, "2025-02.jsonl.gz");

        Assert.Equal(8L, february.Records); // gw-a 8–12 (11 a straddler), gw-b 4–6; gw-a 6 is January's
        var kept = await scenario.DetachAsync(ArchiveScenario.February, "2025-02.jsonl.gz", keepTable: true);
        Assert.Equal((8L, "ledger_detached_2025_02"), (kept.RecordsCompared, kept.KeptAs)); // gw-a 6, 8–10, 12; gw-b 4–6
        Assert.True(await scenario.ScalarAsync<bool>("select to_regclass('ledger_detached_2025_02') is not null and to_regclass('ledger_records_2025_02') is null"));
        AssertIntact(await scenario.VerifyDatabaseAsync());
        var both = scenario.VerifyArchives("2025-02.jsonl.gz", "2025-01.jsonl.gz");
        AssertIntact(both);
        Assert.Equal(["2025-01/gw-a", "2025-01/gw-b", "2025-02/gw-a", "2025-02/gw-b"], both.Chains.Select(c => c.Chain));
        Assert.Equal(2L, await scenario.ScalarAsync<long>("select count(*) from ledger_archives where verified_at is not null and detached_at is not null"));

        // The gateway goes on writing: the chain still verifies, from the archived head.
        await scenario.AppendAsync("gw-a", new DateTimeOffset(2025, 3, 20, 0, 0, 0, TimeSpan.Zero));
        AssertIntact(await scenario.VerifyDatabaseAsync());
    }

    [Fact]
    public async Task DatabaseVerify_StraddlerChangedAfterDetach_IsFoundAtItsSeq()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        await scenario.DetachAsync(ArchiveScenario.January, "a.gz");

        await scenario.SqlAsync("update ledger_records set amount = amount + 1 where chain = 'gw-a' and seq = 6");

        var chain = (await scenario.VerifyDatabaseAsync()).Chains.Single(c => c.Chain == "gw-a");
        Assert.Equal((ChainProblems.RecordAltered, 6L), (chain.Problem, chain.FirstBadSeq));
    }

    [Fact]
    public async Task DatabaseVerify_StraddlerDeletedAfterDetach_IsReportedMissing()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        await scenario.DetachAsync(ArchiveScenario.January, "a.gz");

        await scenario.SqlAsync("delete from ledger_records where chain = 'gw-a' and seq = 6");

        var chain = (await scenario.VerifyDatabaseAsync()).Chains.Single(c => c.Chain == "gw-a");
        Assert.Equal((ChainProblems.RecordMissing, 6L), (chain.Problem, chain.FirstBadSeq));
    }

    [Fact]
    public async Task DatabaseVerify_StraddlerReplacedWithAConsistentHash_IsNotTheArchivedOne()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        await scenario.DetachAsync(ArchiveScenario.January, "a.gz");
        var straddler = await scenario.Store.ReadChainAsync("gw-a").FirstAsync(r => r.Seq == 6);
        var forged = straddler with { Amount = 99m };
        forged = forged with { Hash = LedgerEncoding.Hash(forged, forged.PrevHash) };
        await scenario.SqlAsync("delete from ledger_records where chain = 'gw-a' and seq = 6");
        await scenario.Store.WriteAsync([forged], default);

        var chain = (await scenario.VerifyDatabaseAsync()).Chains.Single(c => c.Chain == "gw-a");

        Assert.Equal((ChainProblems.ArchiveMismatch, 6L), (chain.Problem, chain.FirstBadSeq));
    }

    [Fact]
    public async Task DatabaseVerify_ArchivedButNotDetachedRecordRewritten_IsFoundAtTheArchivedHead()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();
        await scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
        // gw-b's last January record, rewritten with a consistent hash: its chain then stops at the archive's head.
        var last = await scenario.Store.ReadChainAsync("gw-b").FirstAsync(r => r.Seq == 3);
        var forged = last with { Amount = 42m };
        forged = forged with { Hash = LedgerEncoding.Hash(forged, forged.PrevHash) };
        await scenario.SqlAsync($"update ledger_records set amount = 42, hash = '\\x{Convert.ToHexStringLower(forged.Hash)}' where chain = 'gw-b' and seq = 3");
        await scenario.SqlAsync("delete from ledger_checkpoints where chain = 'gw-b'");

        var chain = (await scenario.VerifyDatabaseAsync()).Chains.Single(c => c.Chain == "gw-b");

        Assert.Equal((ChainProblems.ArchiveMismatch, 3L), (chain.Problem, chain.FirstBadSeq));
    }

    [Fact]
    public async Task NothingArchived_VerifiesAsBefore()
    {
        await using var scenario = await ArchiveScenario.CreateAsync();

        var report = await scenario.VerifyDatabaseAsync();

        AssertIntact(report);
        Assert.Equal([(14L, 14L, 14L), (7L, 7L, 6L)], report.Chains.Where(c => c.Chain.StartsWith("gw-", StringComparison.Ordinal))
            .Select(c => (c.Records, c.LastSeq, c.LastCheckpointSeq ?? 0)));
    }

    private static void AssertIntact(VerificationReport report) =>
        Assert.True(report.Intact, string.Join("\n", report.Chains.Where(c => c.Problem is not null).Select(c => $"{c.Chain}: {c.Problem} at {c.FirstBadSeq}: {c.Detail}")));
}
