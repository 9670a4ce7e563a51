using System.Security.Cryptography;
using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Tests;

/// <summary>
/// Issue 5, point 4: each kind of tampering, made directly in PostgreSQL as an attacker with database access would,
/// is found by the verifier at the first sequence number it touches. Each test tampers with a chain of its own.
/// </summary>
public class LedgerVerifierTests(LedgerDatabase database) : IClassFixture<LedgerDatabase>
{
    private static readonly ECDsa PlatformKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly CheckpointSigner Signer = new(PlatformKey, KeyIds.Thumbprint(PlatformKey));

    [Fact]
    public async Task UntouchedChain_ProvesItself()
    {
        await WriteChainAsync("untouched");

        var report = await VerifyAsync("untouched");

        Assert.Null(report.Problem);
        Assert.Equal(10, report.LastSeq);
        Assert.Equal(10, report.LastCheckpointSeq);
    }

    [Fact]
    public async Task ChangedField_IsFoundAtItsRecord()
    {
        await WriteChainAsync("changed");
        await SqlAsync("update ledger_records set amount = amount + 1 where chain = 'changed' and seq = 4");

        var report = await VerifyAsync("changed");

        Assert.Equal((ChainProblems.RecordAltered, 4L), (report.Problem, report.FirstBadSeq));
    }

    [Fact]
    public async Task DeletedRecord_IsFoundAtItsSequenceNumber()
    {
        await WriteChainAsync("deleted");
        await SqlAsync("delete from ledger_records where chain = 'deleted' and seq = 4");

        var report = await VerifyAsync("deleted");

        Assert.Equal((ChainProblems.RecordMissing, 4L), (report.Problem, report.FirstBadSeq));
    }

    [Fact]
    public async Task InsertedRecord_IsFoundWhereItWasInserted()
    {
        await WriteChainAsync("inserted");
        // Make room after seq 3 and insert a copy of record 3 under a new request id, linked to record 3.
        await SqlAsync(
            """
            update ledger_records set seq = -seq where chain = 'inserted' and seq >= 4;
            update ledger_records set seq = -seq + 1 where chain = 'inserted' and seq < 0;
            insert into ledger_records select gen_random_uuid(), chain, 4, started_at, ended_at, caller_org, caller_kind, caller_district, dataset,
                action, grant_id, allowed, reason, fields, districts, rows_returned, bytes_out, status, upstream_ms, catalog_version, billable,
                unit_price, amount, complete, hash, hash
            from ledger_records where chain = 'inserted' and seq = 3;
            """);

        var report = await VerifyAsync("inserted");

        Assert.Equal(4L, report.FirstBadSeq);
        Assert.Contains(report.Problem, new[] { ChainProblems.RecordAltered, ChainProblems.LinkBroken });
    }

    [Fact]
    public async Task ReorderedPair_IsFoundAtTheFirstOfThePair()
    {
        await WriteChainAsync("reordered");
        await SqlAsync(
            """
            update ledger_records set seq = 0 where chain = 'reordered' and seq = 4;
            update ledger_records set seq = 4 where chain = 'reordered' and seq = 5;
            update ledger_records set seq = 5 where chain = 'reordered' and seq = 0;
            """);

        var report = await VerifyAsync("reordered");

        Assert.Equal((ChainProblems.LinkBroken, 4L), (report.Problem, report.FirstBadSeq));
    }

    [Fact]
    public async Task TruncatedTail_BeforeTheLastCheckpoint_IsFoundAtTheFirstRecordCutOff()
    {
        await WriteChainAsync("truncated");
        await SqlAsync("delete from ledger_records where chain = 'truncated' and seq >= 8");

        var report = await VerifyAsync("truncated");

        Assert.Equal((ChainProblems.TailTruncated, 8L), (report.Problem, report.FirstBadSeq));
    }

    [Fact]
    public async Task ChainRewrittenWithCorrectHashes_ContradictsTheSignedCheckpoint()
    {
        await WriteChainAsync("rewritten");
        var store = new LedgerStore(database.DataSource);
        var records = await store.ReadChainAsync("rewritten").ToListAsync();
        // The attacker changes record 4 and recomputes every hash after it: the chain links, but not to the checkpoint.
        var previous = records[2].Hash;
        for (var i = 3; i < records.Count; i++)
        {
            var changed = records[i] with { Amount = i == 3 ? records[i].Amount + 1 : records[i].Amount, PrevHash = previous };
            changed = changed with { Hash = LedgerEncoding.Hash(changed, previous) };
            await using var update = database.DataSource.CreateCommand("update ledger_records set amount = @amount, prev_hash = @prev, hash = @hash where chain = 'rewritten' and seq = @seq");
            update.Parameters.AddWithValue("amount", changed.Amount);
            update.Parameters.AddWithValue("prev", changed.PrevHash);
            update.Parameters.AddWithValue("hash", changed.Hash);
            update.Parameters.AddWithValue("seq", changed.Seq);
            await update.ExecuteNonQueryAsync();
            previous = changed.Hash;
        }

        var report = await VerifyAsync("rewritten");

        Assert.Equal((ChainProblems.CheckpointMismatch, 10L), (report.Problem, report.FirstBadSeq));
    }

    [Fact]
    public async Task ForgedCheckpoint_IsNotTrusted()
    {
        await WriteChainAsync("forged");
        var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await new LedgerStore(database.DataSource).WriteCheckpointAsync(
            new CheckpointSigner(forger, Signer.KeyId).Sign("forged", 12, new byte[32], DateTimeOffset.UtcNow), default);

        var report = await VerifyAsync("forged");

        Assert.Equal((ChainProblems.CheckpointSignatureInvalid, 12L), (report.Problem, report.FirstBadSeq));
    }

    /// <summary>
    /// The catalog's chain is the catalog's tables (Marten's events, the writer's links), which a ledger-only database
    /// does not have: an empty chain, not an error (the catalog's own tests tamper with it: CatalogChainTests).
    /// </summary>
    [Fact]
    public async Task CatalogChain_OnALedgerOnlyDatabase_IsEmptyAndIntact()
    {
        var report = await VerifyCatalogAsync();

        Assert.Equal((null, 0L, 0L), (report.Problem, report.Records, report.LastSeq));
        Assert.Empty(report.Findings!);
    }

    /// <summary>
    /// Amendments (calls committed but not delivered, so not billed) are chained by the database and checkpointed: one
    /// changed, or one deleted to bill its call after all, is found.
    /// </summary>
    [Fact]
    public async Task Amendments_AreChainedAndCheckpointed_AndAChangedOrDeletedOneIsFound()
    {
        var store = new LedgerStore(database.DataSource);
        var records = await new LedgerChainFixture(store).WriteAsync("amended", 6);
        Assert.Equal(3, await store.AmendUndeliveredAsync([records[1].RequestId, records[3].RequestId, records[5].RequestId], "gw-next", Signer, default));
        var head = (await store.LastAmendmentAsync(default))!.Value;
        await store.WriteCheckpointAsync(Signer.Sign(Checkpoint.AmendmentsChain, head.Seq, head.Hash, DateTimeOffset.UtcNow), default);
        Assert.Null((await VerifyAsync(Checkpoint.AmendmentsChain)).Problem);

        var middle = await ScalarAsync($"select seq from ledger_amendments where request_id = '{records[3].RequestId}'");
        await SqlAsync($"update ledger_amendments set noted_by = 'someone' where seq = {middle}");
        Assert.Equal((ChainProblems.RecordAltered, middle), Found(await VerifyAsync(Checkpoint.AmendmentsChain)));
        await SqlAsync($"update ledger_amendments set noted_by = 'gw-next' where seq = {middle}");
        Assert.Null((await VerifyAsync(Checkpoint.AmendmentsChain)).Problem);

        await SqlAsync($"delete from ledger_amendments where seq = {head.Seq}");
        Assert.Equal((ChainProblems.TailTruncated, middle + 1), Found(await VerifyAsync(Checkpoint.AmendmentsChain)));
    }

    /// <summary>
    /// An amendment written straight into the table (to make a billed call free) is chained by the trigger like any
    /// other, but no gateway signed it: verify names it, whether it carries no signature or one of an untrusted key.
    /// </summary>
    [Fact]
    public async Task ForgedAmendment_UnsignedOrSignedByAnotherKey_IsFound()
    {
        var store = new LedgerStore(database.DataSource);
        var records = await new LedgerChainFixture(store).WriteAsync("amendment-forged", 3);
        await store.AmendUndeliveredAsync([records[0].RequestId], "gw-amending", Signer, default);
        await SqlAsync("delete from ledger_checkpoints where chain = 'amendments'"); // other tests' checkpoints of the shared chain
        var head = (await store.LastAmendmentAsync(default))!.Value;
        await store.WriteCheckpointAsync(Signer.Sign(Checkpoint.AmendmentsChain, head.Seq, head.Hash, DateTimeOffset.UtcNow), default);
        var before = await VerifyAsync(Checkpoint.AmendmentsChain);

        await SqlAsync($"insert into ledger_amendments (request_id, kind, noted_by) values ('{records[1].RequestId}', 'undelivered', 'gw-forged')");
        var unsigned = await ScalarAsync($"select seq from ledger_amendments where request_id = '{records[1].RequestId}'");
        var found = Found(await VerifyAsync(Checkpoint.AmendmentsChain));
        await SqlAsync($"delete from ledger_amendments where seq = {unsigned}");

        var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var other = new CheckpointSigner(otherKey, KeyIds.Thumbprint(otherKey));
        await store.AmendUndeliveredAsync([records[2].RequestId], "gw-amending", other, default);
        var untrusted = await ScalarAsync($"select seq from ledger_amendments where request_id = '{records[2].RequestId}'");
        var foundUntrusted = Found(await VerifyAsync(Checkpoint.AmendmentsChain));
        await SqlAsync($"delete from ledger_amendments where seq = {untrusted}"); // the chain is shared with the other tests

        Assert.Null(before.Problem);
        Assert.Equal((ChainProblems.AmendmentUnsigned, unsigned), found);
        Assert.Equal((ChainProblems.AmendmentSignatureInvalid, untrusted), foundUntrusted);
    }

    private static (string?, long?) Found(ChainReport report) => (report.Problem, report.FirstBadSeq);

    private sealed class LedgerChainFixture(LedgerStore store)
    {
        public async Task<List<LedgerRecord>> WriteAsync(string chainId, int count)
        {
            var chain = new LedgerChain(chainId, 0, LedgerChain.Genesis);
            var records = Enumerable.Range(0, count).Select(i => chain.Seal(LedgerWriterTests.Record(i))).ToList();
            await store.WriteAsync(records, default);
            return records;
        }
    }

    private async Task WriteChainAsync(string chain)
    {
        var store = new LedgerStore(database.DataSource);
        await using var writer = new LedgerWriter(store, new LedgerChain(chain, 0, LedgerChain.Genesis), signer: Signer);
        for (var i = 0; i < 10; i++)
        {
            await writer.AppendAsync(LedgerWriterTests.Record(i));
        }
    }

    private async Task<ChainReport> VerifyAsync(string chain) =>
        (await new LedgerVerifier(database.DataSource, new Dictionary<string, ECDsa> { [Signer.KeyId] = PlatformKey }).VerifyAsync())
        .Chains.Single(c => c.Chain == chain);

    private Task<ChainReport> VerifyCatalogAsync() => VerifyAsync(Checkpoint.CatalogChain);

    private async Task SqlAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
