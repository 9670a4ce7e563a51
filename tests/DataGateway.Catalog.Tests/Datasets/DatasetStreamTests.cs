using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// Issue 13, point 1: datasets, with their fields and prices, are Marten streams. The history is the stream, the ETag
/// is the stream's version, If-Match is the expected version, the hand-written tables are gone, and the import writes
/// one event per dataset. Each test writes datasets of its own.
/// </summary>
public class DatasetStreamTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task History_IsTheDatasetsStreamInMartensEventTable()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("ds-streamed", "流数据", "finance", "conditional", open: true));
        (await Put(admin, "ds-streamed", "\"1\"", "流数据（改）")).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/v1/datasets/ds-streamed/prices", new { effectiveFrom = "2099-01-01T00:00:00+08:00", queryPrice = 0.2m, verifyPrice = 0.1m, revenueShare = 0.5m }))
            .EnsureSuccessStatusCode();

        var history = (await (await admin.GetAsync("/v1/datasets/ds-streamed/history")).JsonAsync()).EnumerateArray().ToList();

        var stored = await catalog.EventsAsync("ds-streamed");
        Assert.Equal(stored.Select(e => e.Seq), history.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal([1L, 2L, 3L], history.Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal(["dataset_registered", "dataset_changed", "price_scheduled"], stored.Select(e => e.Type));
        Assert.Equal(["created", "updated", "price_scheduled"], history.Select(e => e.GetProperty("action").GetString()));
        Assert.All(stored, e => Assert.Equal("admin", e.Data.GetProperty("actor").GetString()));
        // The fields travel in the event itself: the stream alone says what the dataset was at every version.
        Assert.Equal(5, stored[0].Data.GetProperty("content").GetProperty("fields").GetArrayLength());
        Assert.Equal("流数据", history[1].GetProperty("before").GetProperty("title").GetString());
        Assert.Equal("流数据（改）", history[1].GetProperty("after").GetProperty("title").GetString());
        Assert.Equal(2, history[2].GetProperty("after").GetProperty("prices").GetArrayLength());
    }

    [Fact]
    public async Task ETag_AfterEachChange_IsTheStreamVersion()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("ds-versioned", "版本数据", "finance", "conditional", open: false));
        for (var version = 1; version <= 3; version++)
        {
            (await Put(admin, "ds-versioned", $"\"{version}\"", $"版本数据{version}")).EnsureSuccessStatusCode();
        }

        var read = await admin.GetAsync("/v1/datasets/ds-versioned");

        Assert.Equal("\"4\"", read.Headers.ETag?.Tag);
        Assert.Equal(4L, await catalog.ScalarAsync("select version from mt_streams where id = 'ds-versioned'"));
        Assert.Equal(4L, (await read.JsonAsync()).GetProperty("rowVersion").GetInt64());
    }

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\"2\"")]
    [InlineData("\"01\"")]
    [InlineData("W/\"1\"")]
    public async Task Update_IfMatchNotTheStreamVersion_Is412AndAppendsNothing(string ifMatch)
    {
        using var admin = catalog.Admin();
        var code = "ds-ifmatch-" + Guid.NewGuid().ToString("N")[..8];
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset(code, "条件数据", "finance", "conditional", open: false));

        await (await Put(admin, code, ifMatch, "不该写入")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");

        Assert.Equal(1L, await catalog.ScalarAsync($"select version from mt_streams where id = '{code}'"));
        Assert.Equal("条件数据", (await (await admin.GetAsync($"/v1/datasets/{code}")).JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Update_ManyAtOnceWithOneIfMatch_OneWinsTheRestAre412()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("ds-contended", "争用数据", "finance", "conditional", open: false));

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Put(admin, "ds-contended", "\"1\"", $"争用{i}")));

        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a != winner))
        {
            await refused.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        }

        Assert.Equal(2L, await catalog.ScalarAsync("select version from mt_streams where id = 'ds-contended'"));
    }

    [Fact]
    public async Task Create_AfterDelete_ContinuesTheStreamAndRefusesAStaleETag()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("ds-returning", "回归数据", "finance", "conditional", open: false));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/datasets/ds-returning")).StatusCode);
        await (await admin.GetAsync("/v1/datasets/ds-returning")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var again = await admin.PostAsJsonAsync("/v1/datasets", SeededCatalog.Dataset("ds-returning", "回归数据（再）", "finance", "conditional", open: false));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("\"3\"", again.Headers.ETag?.Tag);
        await (await Put(admin, "ds-returning", "\"1\"", "过时")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        var history = (await (await admin.GetAsync("/v1/datasets/ds-returning/history")).JsonAsync()).EnumerateArray();
        Assert.Equal(["created", "deleted", "created"], history.Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Delete_Deleted_IsMissingAndAppendsNothing()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("ds-gone", "已删数据", "finance", "conditional", open: false));
        (await admin.DeleteAsync("/v1/datasets/ds-gone")).EnsureSuccessStatusCode();

        await (await admin.DeleteAsync("/v1/datasets/ds-gone")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await Put(admin, "ds-gone", "\"2\"", "复活")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.PostAsJsonAsync("/v1/datasets/ds-gone/prices", new { effectiveFrom = "2099-01-01T00:00:00+08:00", queryPrice = 0.2m, verifyPrice = 0.1m, revenueShare = 0.5m }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(2L, await catalog.ScalarAsync("select version from mt_streams where id = 'ds-gone'"));
        var listed = await (await admin.GetAsync("/v1/datasets?q=ds-gone")).JsonAsync();
        Assert.Equal(0, listed.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Schema_HandWrittenDatasetTables_AreGoneAndTheSearchTextIsAColumn()
    {
        Assert.Equal(0L, await catalog.ScalarAsync(
            """
            select count(*) from pg_class where relname in ('datasets', 'dataset_fields', 'dataset_prices', 'dataset_search') and relkind = 'r'
            """));
        Assert.Equal(0L, await catalog.ScalarAsync("select count(*) from pg_proc where proname in ('dataset_price_at', 'dataset_prices_follow')"));
        // The search and its filters read columns, never the (TOASTed) document.
        Assert.Equal(5L, await catalog.ScalarAsync(
            "select count(*) from information_schema.columns where table_name = 'mt_doc_dataset' and column_name in ('search_text', 'deleted_at', 'owner_id', 'domain', 'sharing')"));
    }

    [Fact]
    public async Task Import_IsOneEventPerDatasetOnItsStream_ContinuingAStreamThatExists()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("ds-imported-old", "旧数据", "finance", "conditional", open: false));
        const string header = "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还";
        var csv = string.Join('\n', header,
            "ds-imported-old,旧数据（导入）,,dept-housing,svc-housing,/old,finance,有条件共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,",
            "ds-imported-new,新数据,,dept-housing,svc-housing,/new,finance,有条件共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,") + "\n";

        using var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        (await admin.PostAsync("/v1/import/datasets", content)).EnsureSuccessStatusCode();

        Assert.Equal(["dataset_registered", "dataset_changed"], (await catalog.EventsAsync("ds-imported-old")).Select(e => e.Type));
        Assert.Equal(["dataset_registered"], (await catalog.EventsAsync("ds-imported-new")).Select(e => e.Type));
        var read = await admin.GetAsync("/v1/datasets/ds-imported-old");
        Assert.Equal("\"2\"", read.Headers.ETag?.Tag);
        Assert.Equal(1, (await read.JsonAsync()).GetProperty("fields").GetArrayLength());
    }

    private static async Task<HttpResponseMessage> Put(HttpClient client, string code, string ifMatch, string title)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/datasets/{code}")
        {
            Content = JsonContent.Create(SeededCatalog.Dataset(code, title, "finance", "conditional", open: true)),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }
}
