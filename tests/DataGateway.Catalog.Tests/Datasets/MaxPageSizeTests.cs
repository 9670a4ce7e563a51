using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// A dataset's page size cap (issue 12, point 8) end to end through the catalog: the API's body, view and validation,
/// the spreadsheet's column, and the snapshot the gateway loads.
/// </summary>
public class MaxPageSizeTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private const string OldHeader = "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还";

    [Fact]
    public async Task Create_WithoutMaxPageSize_ShowsAndLoadsTheDefault()
    {
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("paged-default", "默认分页", "finance", "conditional", open: false));

        using var admin = catalog.Admin();
        var view = await (await admin.GetAsync("/v1/datasets/paged-default")).JsonAsync();

        Assert.Equal(1000, view.GetProperty("maxPageSize").GetInt32());
        Assert.Equal(1000, (await LoadAsync()).FindDataset("paged-default")!.MaxPageSize);
    }

    [Fact]
    public async Task Create_WithMaxPageSize_ShowsItToCallersAndTheSnapshotCarriesIt()
    {
        await catalog.AdminPostAsync("/v1/datasets", WithMaxPageSize("paged-set", 250));

        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));
        var view = await (await bank.GetAsync("/v1/datasets/paged-set")).JsonAsync();

        Assert.Equal(250, view.GetProperty("maxPageSize").GetInt32());
        Assert.Equal(250, (await LoadAsync()).FindDataset("paged-set")!.MaxPageSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    [InlineData(int.MaxValue)]
    public async Task Create_MaxPageSizeOutOfRange_IsRefusedNamingIt(int size)
    {
        using var admin = catalog.Admin();

        var response = await admin.PostAsJsonAsync("/v1/datasets", WithMaxPageSize("paged-bad", size));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("maxPageSize", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/datasets/paged-bad")).StatusCode);
    }

    [Fact]
    public async Task Import_OldSpreadsheetWithoutTheColumn_TakesTheDefaultAndExportAddsIt()
    {
        var row = "paged-old,旧表格,,dept-housing,svc-housing,/paged-old,finance,有条件共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,";

        (await ImportAsync(OldHeader, row)).EnsureSuccessStatusCode();

        using var admin = catalog.Admin();
        var exported = await admin.GetStringAsync("/v1/export/datasets");
        Assert.StartsWith(OldHeader + ",每页上限", exported, StringComparison.Ordinal);
        Assert.Contains(row + ",1000", exported, StringComparison.Ordinal);
        Assert.Equal(1000, (await LoadAsync()).FindDataset("paged-old")!.MaxPageSize);
    }

    [Fact]
    public async Task Import_WithTheColumn_SetsItAndRoundTrips()
    {
        var row = "paged-csv,新表格,,dept-housing,svc-housing,/paged-csv,finance,有条件共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,,300";

        (await ImportAsync(OldHeader + ",每页上限", row)).EnsureSuccessStatusCode();

        using var admin = catalog.Admin();
        Assert.Contains(row, await admin.GetStringAsync("/v1/export/datasets"), StringComparison.Ordinal);
        Assert.Equal(300, (await (await admin.GetAsync("/v1/datasets/paged-csv")).JsonAsync()).GetProperty("maxPageSize").GetInt32());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("-5")]
    [InlineData("1e3")]
    [InlineData("百")]
    public async Task Import_BadMaxPageSize_IsReportedInItsColumn(string cell)
    {
        var row = $"paged-badcsv,坏表格,,dept-housing,svc-housing,/paged-badcsv,finance,有条件共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,,{cell}";

        var response = await ImportAsync(OldHeader + ",每页上限", row);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "import_invalid");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("column").GetString() == "每页上限");
    }

    private static JsonObject WithMaxPageSize(string code, int size)
    {
        var json = JsonSerializer.SerializeToNode(SeededCatalog.Dataset(code, "分页", "finance", "conditional", open: false))!.AsObject();
        json["maxPageSize"] = size;
        return json;
    }

    private async Task<Policy.Model.CatalogSnapshot> LoadAsync()
    {
        await using var source = NpgsqlDataSource.Create(catalog.ConnectionString);
        return await CatalogSnapshotLoader.LoadAsync(source);
    }

    private async Task<HttpResponseMessage> ImportAsync(string header, string row)
    {
        using var admin = catalog.Admin();
        using var content = new StringContent(header + "\r\n" + row + "\r\n", Encoding.UTF8, "text/csv");
        return await admin.PostAsync("/v1/import/datasets", content);
    }
}
