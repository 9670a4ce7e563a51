using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataGateway.Ledger.Verification;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// Issue 13, point 1 (tamper evidence over mt_events): the catalog's writer links each event it appends into
/// <c>catalog_chain</c> and checkpoints the head it wrote; <c>POST /v1/ledger/verify</c> walks Marten's events against
/// the links and reports each event changed, deleted, inserted, moved or cut off, at its seq. Each test tampers with
/// Marten's tables directly, with SQL, as an attacker with database access would, on a catalog and database of its own.
/// </summary>
public sealed class CatalogChainTests
{
    [Fact]
    public async Task Verify_ChangesThroughTheApi_EveryEventLinkedAndTheLastHeadCheckpointed()
    {
        await using var city = await ChainCity.StartAsync(organizations: 4);

        var chain = await city.VerifyAsync();

        Assert.Equal(JsonValueKind.Null, chain.GetProperty("problem").ValueKind);
        Assert.Empty(chain.GetProperty("findings").EnumerateArray());
        Assert.Equal(5L, await city.ScalarAsync("select count(*) from mt_events"));
        Assert.Equal((5L, 5L), (chain.GetProperty("records").GetInt64(), chain.GetProperty("lastSeq").GetInt64()));
        Assert.Equal(await city.ScalarAsync("select max(seq_id) from mt_events"), chain.GetProperty("lastCheckpointSeq").GetInt64());
    }

    /// <summary>
    /// Changes the catalog refuses (412 stale, 409 duplicate, 400 invalid) append nothing, so they leave nothing
    /// unlinked for verify to report; a rename after them and a delete are linked like any change.
    /// </summary>
    [Fact]
    public async Task Verify_AfterRefusedChangesAndAnUpdateAndADelete_ReportsNothing()
    {
        await using var city = await ChainCity.StartAsync(organizations: 2);
        using var admin = city.Admin();
        using (var stale = new HttpRequestMessage(HttpMethod.Put, "/v1/organizations/op-chain-0") { Content = JsonContent.Create(new { name = "不该写入", kind = "operator" }) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"9\"");
            await (await admin.SendAsync(stale)).AssertProblemAsync(System.Net.HttpStatusCode.PreconditionFailed, "precondition_failed");
        }

        await (await admin.PostAsJsonAsync("/v1/organizations", new { id = "op-chain-0", name = "重复", kind = "operator" }))
            .AssertProblemAsync(System.Net.HttpStatusCode.Conflict, "already_exists");
        await (await admin.PostAsJsonAsync("/v1/organizations", new { id = "X", name = "", kind = "nobody" }))
            .AssertProblemAsync(System.Net.HttpStatusCode.BadRequest, "validation_failed");
        (await admin.PutAsJsonAsync("/v1/organizations/op-chain-0", new { name = "改名的机构", kind = "operator" })).EnsureSuccessStatusCode();
        (await admin.DeleteAsync("/v1/organizations/op-chain-1")).EnsureSuccessStatusCode();

        var chain = await city.VerifyAsync();
        Assert.Empty(Findings(chain));
        Assert.Equal(await city.ScalarAsync("select count(*) from mt_events"), chain.GetProperty("records").GetInt64());
        Assert.Equal(await city.ScalarAsync("select max(seq_id) from mt_events"), chain.GetProperty("lastCheckpointSeq").GetInt64());
    }

    /// <summary>Every column the link covers, changed in place: the event is found at its seq, and no other.</summary>
    [Theory]
    [InlineData("data = jsonb_set(data, '{name}', '\"篡改\"')")]
    [InlineData("data = data - 'actor'")]
    [InlineData("timestamp = timestamp + interval '1 microsecond'")]
    [InlineData("version = version + 100")]
    [InlineData("type = 'organization_deleted'")]
    [InlineData("mt_dotnet_type = 'Forged.Type, Forged'")]
    [InlineData("id = gen_random_uuid()")]
    [InlineData("tenant_id = 'other'")]
    public async Task Verify_EventChangedWithSql_IsReportedAsAlteredAtItsSeq(string change)
    {
        await using var city = await ChainCity.StartAsync(organizations: 4);

        await city.SqlAsync($"update mt_events set {change} where seq_id = 3");

        Assert.Equal([(ChainProblems.RecordAltered, 3L)], Findings(await city.VerifyAsync()));
    }

    [Fact]
    public async Task Verify_EventDeletedWithSql_IsReportedAsMissingAtItsSeq()
    {
        await using var city = await ChainCity.StartAsync(organizations: 4);

        await city.SqlAsync("delete from mt_events where seq_id = 3");

        Assert.Equal([(ChainProblems.RecordMissing, 3L)], Findings(await city.VerifyAsync()));
    }

    [Fact]
    public async Task Verify_EventInsertedWithSql_IsReportedAsUnlinkedAtItsSeq()
    {
        await using var city = await ChainCity.StartAsync(organizations: 4);

        var inserted = await city.InsertForgedEventAsync();

        Assert.Equal([(ChainProblems.RecordUnlinked, inserted)], Findings(await city.VerifyAsync()));
    }

    [Fact]
    public async Task Verify_EventsReorderedWithSql_AreReportedAsMovedAtBothSeqs()
    {
        await using var city = await ChainCity.StartAsync(organizations: 4);

        await city.SqlAsync(
            """
            update mt_events set seq_id = -3 where seq_id = 3;
            update mt_events set seq_id = 3 where seq_id = 4;
            update mt_events set seq_id = 4 where seq_id = -3;
            """);

        Assert.Equal([(ChainProblems.RecordMoved, 3L), (ChainProblems.RecordMoved, 4L)], Findings(await city.VerifyAsync()));
    }

    /// <summary>The links themselves edited with SQL: each edit is found, at the link and the event it concerns.</summary>
    [Theory]
    [InlineData("delete from catalog_chain where seq = 3", "record_missing@3 record_unlinked@3 link_broken@4")]
    [InlineData("update catalog_chain set hash = sha256(hash) where seq = 3", "checkpoint_mismatch@3 record_altered@3 link_broken@4")]
    [InlineData("update catalog_chain set prev_hash = sha256(prev_hash) where seq = 3", "link_broken@3 record_altered@3")]
    [InlineData("update catalog_chain set event_id = gen_random_uuid() where seq = 3", "link_broken@3")]
    public async Task Verify_LinkEditedWithSql_IsReportedWhereItBreaks(string edit, string expected)
    {
        await using var city = await ChainCity.StartAsync(organizations: 4);

        await city.SqlAsync(edit);

        Assert.Equal(expected, string.Join(' ', Findings(await city.VerifyAsync()).Select(f => $"{f.Item1}@{f.Item2}")));
    }

    /// <summary>The last events cut off, with or without their links: either way found at the first one cut.</summary>
    [Theory]
    [InlineData("delete from mt_events where seq_id >= 4")]
    [InlineData("delete from mt_events where seq_id >= 4; delete from catalog_chain where seq >= 4")]
    public async Task Verify_TailTruncatedWithSql_IsReportedAtTheFirstEventCutOff(string truncate)
    {
        await using var city = await ChainCity.StartAsync(organizations: 4);

        await city.SqlAsync(truncate);

        Assert.Equal([(ChainProblems.TailTruncated, 4L)], Findings(await city.VerifyAsync()));
    }

    /// <summary>
    /// The trigger this replaces chained any row inserted, and the next checkpoint signed it. Now the inserted event
    /// has no link; the next write links onto the last event the catalog wrote, skipping it; the checkpoint signs that
    /// head; and verify still names the inserted event.
    /// </summary>
    [Fact]
    public async Task Checkpoint_AfterAnEventInsertedWithSqlAndANormalWrite_DoesNotCoverTheInsertedEvent()
    {
        await using var city = await ChainCity.StartAsync(organizations: 2);
        var inserted = await city.InsertForgedEventAsync();

        await city.AdminPostAsync("/v1/organizations", new { id = "op-after", name = "之后的机构", kind = "operator", licensedDomains = new[] { "finance" } });

        var written = await city.ScalarAsync("select max(seq_id) from mt_events");
        var chain = await city.VerifyAsync();
        Assert.Equal([(ChainProblems.RecordUnlinked, inserted)], Findings(chain));
        Assert.Equal(written, chain.GetProperty("lastCheckpointSeq").GetInt64());
        Assert.Equal(0L, await city.ScalarAsync($"select count(*) from catalog_chain where seq = {inserted}"));
        Assert.Equal(0L, await city.ScalarAsync($"select count(*) from ledger_checkpoints where chain = 'catalog' and seq = {inserted}"));
        // The written event's link follows the link before the inserted event: the chain the checkpoint signs skips it.
        Assert.Equal(1L, await city.ScalarAsync(
            $"select count(*) from catalog_chain c join catalog_chain p on p.seq = {inserted - 1} where c.seq = {written} and c.prev_hash = p.hash"));
    }

    /// <summary>
    /// An attacker who also writes a link, with its hash computed correctly (anyone can compute SHA-256): the link comes
    /// after the last checkpoint, which no writer of the catalog leaves, so it is reported; the next write extends the
    /// last checkpointed head, not the forged link, so its checkpoint does not cover it either.
    /// </summary>
    [Fact]
    public async Task Verify_EventAndLinkForgedWithACorrectHash_IsReportedAndTheNextWriteDoesNotExtendIt()
    {
        await using var city = await ChainCity.StartAsync(organizations: 2);
        var inserted = await city.InsertForgedEventAsync();
        await city.ForgeLinkAsync(inserted);

        Assert.Equal([(ChainProblems.LinkUnsigned, inserted)], Findings(await city.VerifyAsync()));

        await city.AdminPostAsync("/v1/organizations", new { id = "op-after", name = "之后的机构", kind = "operator", licensedDomains = new[] { "finance" } });

        var chain = await city.VerifyAsync();
        Assert.Equal([(ChainProblems.LinkBroken, inserted)], Findings(chain));
        Assert.Equal(inserted + 1, chain.GetProperty("lastCheckpointSeq").GetInt64());
    }

    /// <summary>The CSV import (its bulk path, more than one SaveChanges) links every event it appends, in one change.</summary>
    [Fact]
    public async Task Import_ManyDatasets_LinksEveryEventAndAChangedOneIsFound()
    {
        await using var city = await ChainCity.StartAsync(organizations: 0);
        await city.AdminPostAsync("/v1/organizations", new { id = "dept-housing", name = "市房屋管理局", kind = "department" });
        await city.AdminPostAsync("/v1/services", new { id = "svc-housing", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" });
        var rows = Enumerable.Range(0, 620).Select(i =>
            $"chain-{i:D4},链数据集{i},描述,dept-housing,svc-housing,/chain-{i},finance,有条件共享,是,,,0.10,0.05,0.3,市级,id,编号,string,L1,否,none,");
        const string header = "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还";
        using (var admin = city.Admin())
        using (var csv = new StringContent(header + "\r\n" + string.Join("\r\n", rows) + "\r\n", Encoding.UTF8, "text/csv"))
        {
            (await admin.PostAsync("/v1/import/datasets", csv)).EnsureSuccessStatusCode();
        }

        var chain = await city.VerifyAsync();
        Assert.Empty(Findings(chain));
        Assert.Equal(await city.ScalarAsync("select count(*) from mt_events"), chain.GetProperty("records").GetInt64());
        Assert.Equal(await city.ScalarAsync("select max(seq_id) from mt_events"), chain.GetProperty("lastCheckpointSeq").GetInt64());

        var changed = await city.ScalarAsync("select seq_id from mt_events where stream_id = 'chain-0555'");
        await city.SqlAsync($"update mt_events set data = jsonb_set(data, '{{content,title}}', '\"篡改\"') where seq_id = {changed}");
        Assert.Equal([(ChainProblems.RecordAltered, changed)], Findings(await city.VerifyAsync()));
    }

    private static List<(string, long)> Findings(JsonElement chain) =>
        chain.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("code").GetString()!, f.GetProperty("seq").GetInt64())).ToList();

    /// <summary>A catalog of the test's own (admin bootstrap, then some operators through the API), and SQL on its database.</summary>
    private sealed class ChainCity : CatalogProcess, IAsyncDisposable
    {
        public static async Task<ChainCity> StartAsync(int organizations)
        {
            var city = new ChainCity();
            await city.InitializeAsync();
            for (var i = 0; i < organizations; i++)
            {
                await city.AdminPostAsync("/v1/organizations", new { id = $"op-chain-{i}", name = $"链测试机构{i}", kind = "operator", licensedDomains = new[] { "finance" } });
            }

            return city;
        }

        /// <summary>The catalog chain's report from <c>POST /v1/ledger/verify</c>.</summary>
        public async Task<JsonElement> VerifyAsync()
        {
            using var admin = Admin();
            var report = await (await admin.PostAsync("/v1/ledger/verify", null)).JsonAsync();
            return report.GetProperty("chains").EnumerateArray().Single(c => c.GetProperty("chain").GetString() == Checkpoint.CatalogChain);
        }

        /// <summary>A copy of the last event, appended to its stream with SQL as Marten would have; returns its seq.</summary>
        public Task<long> InsertForgedEventAsync() => ScalarAsync(
            """
            insert into mt_events (seq_id, id, stream_id, version, data, type, mt_dotnet_type, tenant_id)
            select nextval('mt_events_sequence'), gen_random_uuid(), stream_id, version + 1, jsonb_set(data, '{name}', '"伪造"'), type, mt_dotnet_type, tenant_id
            from mt_events where seq_id = (select max(seq_id) from mt_events)
            returning seq_id
            """);

        /// <summary>Writes the link the catalog's writer would have written for the event at <paramref name="seq"/>.</summary>
        public async Task ForgeLinkAsync(long seq)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            StoredCatalogEvent stored;
            await using (var read = new NpgsqlCommand(StoredEventColumns.Select + $" where seq_id = {seq}", connection))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                stored = StoredEventColumns.Read(reader);
            }

            await using var head = new NpgsqlCommand("select hash from catalog_chain order by seq desc limit 1", connection);
            var previous = (byte[])(await head.ExecuteScalarAsync())!;
            await using var insert = new NpgsqlCommand("insert into catalog_chain (seq, event_id, prev_hash, hash) values (@seq, @id, @prev, @hash)", connection);
            insert.Parameters.AddWithValue("seq", seq);
            insert.Parameters.AddWithValue("id", stored.Id);
            insert.Parameters.AddWithValue("prev", previous);
            insert.Parameters.AddWithValue("hash", CatalogEventLink.Hash(stored, previous));
            await insert.ExecuteNonQueryAsync();
        }

        public async Task SqlAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async Task<long> ScalarAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
    }
}
