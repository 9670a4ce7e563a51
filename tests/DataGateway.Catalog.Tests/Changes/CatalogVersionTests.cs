using System.Net;
using System.Net.Http.Json;
using DataGateway.Catalog.Store.Changes;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Changes;

/// <summary>
/// Issue 13, point 5: the catalog version gateways follow is Marten's highest event sequence, and every committed
/// change tells the gateways that version by NOTIFY in its own transaction: after the commit, and never for a change
/// that was refused and rolled back. The test waits for notifications only up to a watchdog (no timing is asserted):
/// each wait ends at a sentinel change whose version is known, so a missing or extra notification shows as a
/// different list.
/// </summary>
public class CatalogVersionTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Version_AfterEachChange_IsTheHighestEventSequenceEverywhere()
    {
        using var admin = catalog.Admin();
        var before = await MaxSequenceAsync();

        // One change of three events (an import of three datasets): the version moves by three, not by one.
        var imported = await ImportAsync(admin, "ver-a", "ver-b", "ver-c");

        var after = await MaxSequenceAsync();
        Assert.Equal(before + 3, after);
        Assert.Equal(after, imported.GetProperty("version").GetInt64());
        Assert.True(after > before, $"{before} then {after}");
        var ready = await (await catalog.Client(null).GetAsync("/readyz")).JsonAsync();
        Assert.Equal(after, ready.GetProperty("catalogVersion").GetInt64());
        await using var dataSource = NpgsqlDataSource.Create(catalog.ConnectionString);
        Assert.Equal(after, (await CatalogSnapshotLoader.LoadAsync(dataSource)).Version);
        Assert.Equal(0L, await catalog.ScalarAsync("select count(*) from pg_class where relname = 'catalog_version' and relkind = 'r'"));
    }

    [Fact]
    public async Task Notify_EachCommittedChange_CarriesItsVersion_RefusedChangesSendNothing()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-notified", name = "通知机构", kind = "operator" });
        await using var listener = await ListenAsync();

        // A change refused inside the writer (stale If-Match: 412, rolled back), one refused before it (400), one
        // committed, then a sentinel.
        using (var stale = new HttpRequestMessage(HttpMethod.Put, "/v1/organizations/op-notified") { Content = JsonContent.Create(new { name = "过时", kind = "operator" }) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"9\"");
            await (await admin.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        }

        await (await admin.PostAsJsonAsync("/v1/organizations", new { id = "op-notified", name = "重复", kind = "operator" })).AssertProblemAsync(HttpStatusCode.Conflict, "already_exists");
        var committed = (await ImportAsync(admin, "notified-a", "notified-b")).GetProperty("version").GetInt64();
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-notified-sentinel", name = "哨兵", kind = "operator" });
        var sentinel = await MaxSequenceAsync();

        Assert.Equal([committed, sentinel], await HeardUntilAsync(listener, sentinel));
    }

    [Fact]
    public async Task Notify_RolledBackTransactionOfTheWriter_IsNeverDelivered()
    {
        await using var listener = await ListenAsync();
        await using (var connection = new NpgsqlConnection(catalog.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var notify = new NpgsqlCommand($"notify {CatalogChannel.Name}, '999999999'", connection, transaction);
            await notify.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }

        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-after-rollback", name = "回滚之后", kind = "operator" });
        var sentinel = await MaxSequenceAsync();

        Assert.Equal([sentinel], await HeardUntilAsync(listener, sentinel));
    }

    private static async Task<System.Text.Json.JsonElement> ImportAsync(HttpClient admin, params string[] codes)
    {
        const string header = "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还";
        var rows = codes.Select(c => $"{c},版本数据,,dept-housing,svc-housing,/{c},finance,有条件共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,");
        using var content = new StringContent(string.Join('\n', rows.Prepend(header)) + "\n", System.Text.Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return await (await admin.PostAsync("/v1/import/datasets", content)).JsonAsync();
    }

    private async Task<NpgsqlConnection> ListenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(catalog.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var listen = new NpgsqlCommand($"listen {CatalogChannel.Name}", connection);
        await listen.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<List<long>> HeardUntilAsync(NpgsqlConnection connection, long last)
    {
        var heard = new List<long>();
        connection.Notification += (_, e) => heard.Add(long.Parse(e.Payload, System.Globalization.CultureInfo.InvariantCulture));
        using var watchdog = new CancellationTokenSource(Watchdog);
        while (!heard.Contains(last))
        {
            await connection.WaitAsync(watchdog.Token);
        }

        return heard;
    }

    private Task<long> MaxSequenceAsync() => catalog.ScalarAsync("select coalesce(max(seq_id), 0) from mt_events");
}
